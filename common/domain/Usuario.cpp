#include "domain/Usuario.h"

#include "domain/Timestamp.h"
#include "validation/BodyReader.h"

namespace tickets {

using validation::BodyReader;
using validation::Presence;

namespace {
// The rules of a user's fields beyond types, one per field, shared by the create and update
// bodies: fromJson applies each to the field it has just read (so errors keep the body's field
// order), validate() to the typed values.
QJsonArray bodyLoc(const char *field)
{
    return loc(QStringLiteral("body"), QString::fromLatin1(field));
}

bool checkEmail(const QString &email, FieldErrors &errors)
{
    return validation::checkEmailAddress(email, bodyLoc("email"), errors).has_value();
}

bool checkNombre(const QString &nombre, FieldErrors &errors)
{
    return validation::checkString(nombre, bodyLoc("nombre"), errors, rules::nombre);
}

// Its errors never quote the password (a BodyReader redacts those of fromJson itself).
bool checkPassword(const QString &password, FieldErrors &errors)
{
    const qsizetype first = errors.size();
    const bool ok = validation::checkString(password, bodyLoc("password"), errors, rules::password);
    validation::redactInputs(errors, first);
    return ok;
}
} // namespace

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
    auto nombre = reader.string(QStringLiteral("nombre"), Presence::Required);
    if (nombre && !checkNombre(*nombre, errors))
        nombre.reset();
    const auto rol = reader.enumValue<Rol>(QStringLiteral("rol"), Rol::Usuario);
    const qsizetype before = errors.size();
    const auto password = reader.secret(QStringLiteral("password"), Presence::Optional);
    if (password)
        checkPassword(*password, errors);
    if (!email || !nombre || !rol || errors.size() != before)
        return std::nullopt;
    return UsuarioCreate{*email, *nombre, *rol, password};
}

bool UsuarioCreate::validate(FieldErrors &errors) const
{
    const qsizetype before = errors.size();
    checkEmail(email, errors);
    checkNombre(nombre, errors);
    if (password)
        checkPassword(*password, errors);
    return errors.size() == before;
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
    update.nombre = reader.string(QStringLiteral("nombre"), Presence::Optional);
    if (update.nombre && !checkNombre(*update.nombre, errors))
        update.nombre.reset();
    update.rol = reader.enumValue<Rol>(QStringLiteral("rol"), std::nullopt, Presence::Optional);
    update.activo = reader.boolean(QStringLiteral("activo"), Presence::Optional);
    if (errors.size() != before)
        return std::nullopt;
    return update;
}

bool UsuarioUpdate::validate(FieldErrors &errors) const
{
    const qsizetype before = errors.size();
    if (email)
        checkEmail(*email, errors);
    if (nombre)
        checkNombre(*nombre, errors);
    return errors.size() == before;
}

} // namespace tickets
