#pragma once
// The token check's cache: sesion:<sha256 of the token, hex>:datos (300 s) holds what
// PostgreSQL said about the session and its user, signed: {"usuario_id", "datos", "mac"},
// where "datos" is the JSON {"usuario_id", "expira", "usuario", "uver"} and "mac" the
// HMAC-SHA256 (libsodium) of the key's name and "datos" under a key Redis never sees. "uver"
// is the version of usuario:{id}:datos (ResponseCache's counter) seen before the user was read,
// so any change to the user (which bumps it) makes the entry stale. The usual lookup reads the
// entry and that counter in one round trip (a Lua script). An entry that is unsigned, signed
// with another key, stale, or for another token is a miss: Redis is a cache, not an authority.

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

    // `macKey`: 32 bytes (crypto_auth_hmacsha256_KEYBYTES); empty: nothing is cached or trusted.
    SessionCache(ResponseCache &cache, RedisClient &redis, QByteArray macKey)
        : m_cache(cache), m_redis(redis), m_macKey(std::move(macKey))
    {}

    static CacheKey key(const QByteArray &tokenHash);

    // The session and the JSON of its user, when a valid signed entry is cached and the user
    // has not changed since; nothing when it is missing, forged, stale, or Redis is away.
    struct WithUsuario
    {
        Session session;
        QByteArray usuarioJson;
    };
    std::optional<WithUsuario> lookupWithUsuario(const QByteArray &tokenHash);

    // Before reading from PostgreSQL: the versions to hand back to store().
    struct Handle
    {
        ResponseCache::Lookup session; // the session entry's own version
        QByteArray usuarioVersion;     // usuario:{id}:datos:version
    };
    Handle prepare(const QByteArray &tokenHash);
    void prepareUsuario(Handle &handle, const QUuid &usuarioId);
    // Stores what PostgreSQL said, signed, unless either version moved meanwhile.
    void store(const QByteArray &tokenHash, const Handle &handle, const Session &session,
               const QByteArray &usuarioJson);
    void invalidate(const QByteArray &tokenHash);

    // The HMAC-SHA256 of `message` under `key`, and its constant-time check (libsodium).
    static QByteArray mac(const QByteArray &key, const QByteArray &message);
    static bool verify(const QByteArray &key, const QByteArray &message, const QByteArray &mac);

private:
    ResponseCache &m_cache;
    RedisClient &m_redis;
    QByteArray m_macKey;
};

} // namespace tickets::server
