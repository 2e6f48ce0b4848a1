#pragma once
// Cache-aside for the JSON of single resources (the original's keys and TTLs):
//   usuario:{id}:datos    3600 s
//   ticket:{id}:completo   900 s
// Each key has a version counter (<key>:version) that every invalidation bumps. A reader
// stores what it read from PostgreSQL only if the version is still the one it saw before
// reading, so a GET racing a write can never put the old value back after the write.

#include "protocol/CacheKeys.h"
#include "redis/RedisClient.h"

#include <QUuid>

#include <functional>
#include <optional>

namespace tickets::server {

using protocol::CacheKey;

class ResponseCache
{
public:
    // `invalidateLater` records an invalidation Redis could not take now (the outbox does it later).
    ResponseCache(RedisClient &redis, std::function<void(const QByteArray &key)> invalidateLater)
        : m_redis(redis), m_invalidateLater(std::move(invalidateLater))
    {}

    struct Lookup
    {
        std::optional<QByteArray> json; // a valid cached object, or nothing
        QByteArray version;             // to hand back to store()
        bool redisAvailable = true;
    };
    Lookup lookup(const CacheKey &key);
    void store(const CacheKey &key, const Lookup &lookup, const QByteArray &json);
    void invalidate(const CacheKey &key);

    // <key>:version, the counter every invalidation of `key` bumps.
    static QByteArray versionKey(const QByteArray &key);

    // Runs the invalidation script (for the relay, which replays postponed ones).
    static void invalidateNow(RedisClient &redis, const QByteArray &key);
    // The one command that invalidates `key` (for a pipeline of them).
    static QList<QByteArray> invalidateCommand(const QByteArray &key);

private:
    RedisClient &m_redis;
    std::function<void(const QByteArray &)> m_invalidateLater;
};

} // namespace tickets::server
