#include "auth/Credentials.h"

#include "validation/BodyReader.h"

namespace tickets {

using validation::BodyReader;
using validation::Presence;

QJsonObject LoginRequest::toJson() const
{
    return {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}};
}

std::optional<LoginRequest> LoginRequest::fromJson(const QJsonObject &body, FieldErrors &errors)
{
    BodyReader reader(body, errors);
    // Any text is accepted: a malformed address is simply an unknown one (401), not a 422.
    const auto email = reader.string(QStringLiteral("email"), Presence::Required, {1, 255});
    const auto password = reader.secret(QStringLiteral("password"), Presence::Required, {1, rules::password.maxLength});
    if (!email || !password)
        return std::nullopt;
    return LoginRequest{email->trimmed(), *password};
}

QJsonObject LoginResult::toJson() const
{
    return {{QStringLiteral("access_token"), accessToken},
            {QStringLiteral("token_type"), tokenType},
            {QStringLiteral("expires_in"), expiresIn},
            {QStringLiteral("usuario"), usuario.toJson()}};
}

std::optional<LoginResult> LoginResult::fromJson(const QJsonObject &object)
{
    const auto usuario = Usuario::fromJson(object.value(QStringLiteral("usuario")).toObject());
    const QString token = object.value(QStringLiteral("access_token")).toString();
    if (!usuario || token.isEmpty())
        return std::nullopt;
    return LoginResult{token, object.value(QStringLiteral("token_type")).toString(),
                       object.value(QStringLiteral("expires_in")).toInteger(), *usuario};
}

QJsonObject PasswordChange::toJson() const
{
    QJsonObject object{{QStringLiteral("password_nuevo"), passwordNuevo}};
    if (passwordActual)
        object.insert(QStringLiteral("password_actual"), *passwordActual);
    return object;
}

std::optional<PasswordChange> PasswordChange::fromJson(const QJsonObject &body, FieldErrors &errors)
{
    BodyReader reader(body, errors);
    const qsizetype before = errors.size();
    PasswordChange change;
    change.passwordActual =
        reader.secret(QStringLiteral("password_actual"), Presence::Optional, {1, rules::password.maxLength});
    const auto nuevo = reader.secret(QStringLiteral("password_nuevo"), Presence::Required, rules::password);
    if (errors.size() != before || !nuevo)
        return std::nullopt;
    change.passwordNuevo = *nuevo;
    return change;
}

} // namespace tickets
