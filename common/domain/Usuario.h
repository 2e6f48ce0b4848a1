#pragma once
// A person who opens tickets or works on them, and the request bodies that create or change one.

#include "validation/Converters.h"
#include "wire/Enums.h"

#include <QDateTime>
#include <QJsonObject>
#include <QUuid>

#include <optional>

namespace tickets {

namespace rules {
inline constexpr validation::StringRule nombre{1, 255};
inline constexpr validation::StringRule password{8, 128};
} // namespace rules

struct Usuario
{
    QUuid id;
    QString email;
    QString nombre;
    Rol rol = Rol::Usuario;
    bool activo = true;
    QDateTime fechaCreacion;

    QJsonObject toJson() const;
    static std::optional<Usuario> fromJson(const QJsonObject &object);
};

struct UsuarioCreate
{
    QString email;
    QString nombre;
    Rol rol = Rol::Usuario;
    std::optional<QString> password; // added: without one the account cannot log in

    QJsonObject toJson() const;
    static std::optional<UsuarioCreate> fromJson(const QJsonObject &body, FieldErrors &errors);
    // The rules beyond types (email, nombre, password), on the typed values: the errors fromJson
    // would give for the same input, the password never quoted. False after appending them.
    bool validate(FieldErrors &errors) const;
};

// PATCH /usuarios/{id}: only the fields present change.
struct UsuarioUpdate
{
    std::optional<QString> email;
    std::optional<QString> nombre;
    std::optional<Rol> rol;
    std::optional<bool> activo;

    QJsonObject toJson() const;
    static std::optional<UsuarioUpdate> fromJson(const QJsonObject &body, FieldErrors &errors);
    // The same for the fields present.
    bool validate(FieldErrors &errors) const;
};

} // namespace tickets
