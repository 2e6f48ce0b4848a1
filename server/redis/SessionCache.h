#pragma once
// The token check's cache: sesion:<sha256 of the token, hex>:datos (300 s) holds
// {"usuario_id", "expira"}. The usual lookup reads the session and the usuario cache entry it
// names (usuario:{id}:datos) in one round trip, with a Lua script, so an authenticated request
// costs one Redis call. The entries follow ResponseCache's version protocol.

#include "redis/ResponseCache.h"

#include <QUuid>

#include <optional>

namespace tickets::server {

class SessionCache
{
public:
    struct Session
    {
        QUuid usuarioId;
        qint64 expiresAtMs = 0;
    };

    explicit SessionCache(ResponseCache &cache, RedisClient &redis) : m_cache(cache), m_redis(redis) {}

    static CacheKey key(const QByteArray &tokenHash);

    // The session and the JSON of its user, when both are cached; nothing when either is
    // missing, unreadable, or Redis is away.
    struct WithUsuario
    {
        Session session;
        QByteArray usuarioJson;
    };
    std::optional<WithUsuario> lookupWithUsuario(const QByteArray &tokenHash);

    // The session alone, through the versioned cache (lookup, then store what PostgreSQL said).
    std::optional<Session> lookup(const QByteArray &tokenHash, ResponseCache::Lookup *handle);
    void store(const QByteArray &tokenHash, const ResponseCache::Lookup &handle, const Session &session);
    void invalidate(const QByteArray &tokenHash);

private:
    ResponseCache &m_cache;
    RedisClient &m_redis;
};

} // namespace tickets::server
