#pragma once
// Turns a request's bearer token into an Access, and logs people in and out. One per REST
// thread (it uses that thread's PostgreSQL and Redis connections). Token lookups are cached
// in Redis under the token's hash (sesion:<sha256>:datos, 300 s) and the user through the
// usuario cache, both read in one round trip, so a request costs no PostgreSQL query; logout,
// a password change and any change to the user invalidate those entries.

#include "auth/Access.h"
#include "auth/Credentials.h"
#include "auth/LoginThrottle.h"
#include "config/Config.h"

#include <QHttpServerRequest>

namespace tickets::server {

class ResponseCache;
class RedisClient;
class SessionRepository;
class UsuarioRepository;
struct CacheKey;

class Authenticator
{
public:
    Authenticator(const AuthSettings &settings, SessionRepository &sessions, UsuarioRepository &usuarios,
                  ResponseCache &cache, RedisClient &redis);

    bool required() const { return m_settings.required; }
    int tokenTtlSeconds() const { return m_settings.tokenTtlSeconds; }

    // The Access of a request: throws 401 on a protected route without a valid token.
    Access accessFor(const QHttpServerRequest &request, bool publicRoute);
    // The same for live clients, which may also give the token as ?access_token=.
    std::optional<Access> liveAccessFor(const QHttpServerRequest &request);

    // Throws 401 on a wrong address or password, 429 after too many failures.
    LoginResult login(const LoginRequest &credentials, const QString &clientAddress);
    void logout(const Access &access);
    // After a password change: every other session of the user ends.
    void endSessionsOf(const QUuid &usuarioId, const QByteArray &keepTokenHash = {});

    // The address failed logins are counted by (X-Real-IP when the proxy is trusted).
    QString clientAddress(const QHttpServerRequest &request) const;

private:
    std::optional<Access> authenticate(const QByteArray &token);
    // The Access a token gives (none: no usable token and AUTH_REQUIRED).
    std::optional<Access> accessWith(const QByteArray &token);
    // Session and user both cached and usable: one Redis round trip (a Lua script).
    std::optional<Access> cachedAccess(const QByteArray &tokenHash, qint64 now);
    std::optional<Usuario> activeUsuario(const QUuid &id);

    const AuthSettings &m_settings;
    SessionRepository &m_sessions;
    UsuarioRepository &m_usuarios;
    ResponseCache &m_cache;
    RedisClient &m_redis;
    LoginThrottle m_throttle;
};

// "Authorization: Bearer <token>", case-insensitive scheme; empty when absent.
QByteArray bearerToken(const QHttpServerRequest &request);

} // namespace tickets::server
