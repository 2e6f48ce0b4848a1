#pragma once
// The bodies of the authentication endpoints, shared by the server (which validates them) and
// the desktop client (which sends and reads them):
//   POST /auth/login            {email, password} -> {access_token, token_type, expires_in, usuario}
//   PUT  /usuarios/{id}/password {password_actual?, password_nuevo}

#include "domain/Usuario.h"

namespace tickets {

struct LoginRequest
{
    QString email;
    QString password;

    QJsonObject toJson() const;
    static std::optional<LoginRequest> fromJson(const QJsonObject &body, FieldErrors &errors);
};

struct LoginResult
{
    QString accessToken;
    QString tokenType = QStringLiteral("bearer");
    qint64 expiresIn = 0; // seconds, renewed by use
    Usuario usuario;

    QJsonObject toJson() const;
    static std::optional<LoginResult> fromJson(const QJsonObject &object);
};

struct PasswordChange
{
    std::optional<QString> passwordActual; // required when changing one's own
    QString passwordNuevo;

    QJsonObject toJson() const;
    static std::optional<PasswordChange> fromJson(const QJsonObject &body, FieldErrors &errors);
};

} // namespace tickets
