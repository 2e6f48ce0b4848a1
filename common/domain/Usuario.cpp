#include "domain/Usuario.h"

#include "domain/Timestamp.h"
#include "validation/BodyReader.h"

namespace tickets {

using validation::BodyReader;
using validation::Presence;

QJsonObject Usuario::toJson() const
{
    return {{QStringLiteral("id"), id.toString(QUuid::WithoutBraces)},
            {QStringLiteral("email"), email},
            {QStringLiteral("nombre"), nombre},
            {QStringLiteral("rol"), wireName(rol)},
            {QStringLiteral("activo"), activo},
            {QStringLiteral("fecha_creacion"), formatTimestamp(fechaCreacion)}};
}

std::optional<Usuario> Usuario::fromJson(const QJsonObject &object)
{
    const auto rol = enumFromString<Rol>(object.value(QStringLiteral("rol")).toString());
    const QUuid id = QUuid::fromString(object.value(QStringLiteral("id")).toString());
    if (!rol || id.isNull())
        return std::nullopt;
    return Usuario{id,
                   object.value(QStringLiteral("email")).toString(),
                   object.value(QStringLiteral("nombre")).toString(),
                   *rol,
                   object.value(QStringLiteral("activo")).toBool(true),
                   parseTimestamp(object.value(QStringLiteral("fecha_creacion")).toString())};
}

QJsonObject UsuarioCreate::toJson() const
{
    QJsonObject object{
        {QStringLiteral("email"), email}, {QStringLiteral("nombre"), nombre}, {QStringLiteral("rol"), wireName(rol)}};
    if (password)
        object.insert(QStringLiteral("password"), *password);
    return object;
}

std::optional<UsuarioCreate> UsuarioCreate::fromJson(const QJsonObject &body, FieldErrors &errors)
{
    BodyReader reader(body, errors);
    const auto email = reader.email(QStringLiteral("email"), Presence::Required);
    const auto nombre = reader.string(QStringLiteral("nombre"), Presence::Required, rules::nombre);
    const auto rol = reader.enumValue<Rol>(QStringLiteral("rol"), Rol::Usuario);
    const qsizetype before = errors.size();
    const auto password = reader.secret(QStringLiteral("password"), Presence::Optional, rules::password);
    if (!email || !nombre || !rol || errors.size() != before)
        return std::nullopt;
    return UsuarioCreate{*email, *nombre, *rol, password};
}

QJsonObject UsuarioUpdate::toJson() const
{
    QJsonObject object;
    if (email)
        object.insert(QStringLiteral("email"), *email);
    if (nombre)
        object.insert(QStringLiteral("nombre"), *nombre);
    if (rol)
        object.insert(QStringLiteral("rol"), wireName(*rol));
    if (activo)
        object.insert(QStringLiteral("activo"), *activo);
    return object;
}

std::optional<UsuarioUpdate> UsuarioUpdate::fromJson(const QJsonObject &body, FieldErrors &errors)
{
    BodyReader reader(body, errors);
    const qsizetype before = errors.size();
    UsuarioUpdate update;
    update.email = reader.email(QStringLiteral("email"), Presence::Optional);
    update.nombre = reader.string(QStringLiteral("nombre"), Presence::Optional, rules::nombre);
    update.rol = reader.enumValue<Rol>(QStringLiteral("rol"), std::nullopt, Presence::Optional);
    update.activo = reader.boolean(QStringLiteral("activo"), Presence::Optional);
    if (errors.size() != before)
        return std::nullopt;
    return update;
}

} // namespace tickets
