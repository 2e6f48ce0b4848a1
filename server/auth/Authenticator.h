#pragma once
// Turns a bearer token into an Access, and logs people in and out. One per REST thread (it
// uses that thread's PostgreSQL and Redis connections). Token lookups go through SessionCache
// (session and user in one Redis round trip), so a request costs no PostgreSQL query; logout,
// a password change and any change to the user invalidate those entries.

#include "auth/Access.h"
#include "auth/Credentials.h"
#include "auth/LoginThrottle.h"
#include "auth/SessionMemo.h"
#include "config/AddressList.h"
#include "config/Config.h"
#include "redis/SessionCache.h"

#include <QFuture>
#include <QHostAddress>

#include <functional>

namespace tickets::server {

class ResponseCache;
class RedisClient;
class SessionRepository;
class UsuarioRepository;

class Authenticator
{
public:
    // `memo` (may be null) remembers validated sessions in-process, across this server's threads.
    Authenticator(const AuthSettings &settings, SessionRepository &sessions, UsuarioRepository &usuarios,
                  ResponseCache &cache, RedisClient &redis, SessionMemo *memo = nullptr);

    bool required() const { return m_settings.required; }
    int tokenTtlSeconds() const { return m_settings.tokenTtlSeconds; }

    // The Access a request's bearer token gives: throws Unauthenticated on a protected route
    // without a valid token.
    Access accessFor(const QByteArray &token, bool publicRoute);
    // The Access a token gives; nothing when it gives none (and AUTH_REQUIRED).
    std::optional<Access> accessWith(const QByteArray &token);
    // For the live routes: the token (header or ?access_token=), else a ?ticket= from
    // issueLiveTicket, which is spent by this call whatever it gives.
    std::optional<Access> liveAccessWith(const QByteArray &token, const QByteArray &ticket);
    Access liveAccessFor(const QByteArray &token, const QByteArray &ticket);

    // POST /auth/ws-ticket: a random single-use ticket standing for the caller's session, kept
    // in Redis (wsticket:<sha256>, kLiveTicketSeconds) and spent by its first use.
    QByteArray issueLiveTicket(const Access &access);
    static constexpr int kLiveTicketSeconds = 30;

    // Throws Unauthenticated on a wrong address or password, TooManyRequests after too many failures.
    // A login in two steps, so no event loop waits for Argon2: start() checks the throttle and
    // finds the account, and puts the password check on the verifiers' pool; once `password`
    // is ready, conclude() (in this thread) answers or throws as login always did.
    struct LoginAttempt
    {
        QFuture<bool> password;
        std::function<LoginResult()> conclude;
    };
    LoginAttempt startLogin(const LoginRequest &credentials, const QString &clientAddress);
    void logout(const Access &access);
    // After a password change: every other session of the user ends.
    void endSessionsOf(const QUuid &usuarioId, const QByteArray &keepTokenHash = {});
    // After any change to a user (role, deactivation): every instance re-reads their sessions.
    void usuarioChanged(const QUuid &usuarioId);

    // The address failed logins are counted by: the peer, or X-Real-IP when the proxy is trusted.
    QString clientAddress(const QHostAddress &peer, const QByteArray &realIpHeader) const;

private:
    std::optional<Access> authenticate(const QByteArray &token);
    std::optional<Access> authenticateHash(const QByteArray &hash);
    // Session and user both cached and usable: one Redis round trip (a Lua script).
    std::optional<Access> cachedAccess(const QByteArray &tokenHash, qint64 now, qint64 *expiresAtMs);
    void remember(const QByteArray &tokenHash, const Access &access, qint64 expiresAtMs, qint64 now, quint64 epoch);
    std::optional<Usuario> activeUsuario(const QUuid &id);
    // Tells every instance's SessionMemo; best effort (their entries expire within kTtlMs anyway).
    void announce(const QByteArray &memoMessage);

    const AuthSettings &m_settings;
    SessionRepository &m_sessions;
    UsuarioRepository &m_usuarios;
    RedisClient &m_redis;
    SessionMemo *m_memo;
    SessionCache m_sessionCache;
    LoginThrottle m_throttle;
    AddressList m_trustedProxies;
};

} // namespace tickets::server
