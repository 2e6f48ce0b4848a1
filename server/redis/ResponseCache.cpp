#include "redis/ResponseCache.h"

#include "redis/Logging.h"

#include <QJsonDocument>

namespace tickets::server {

namespace {
// KEYS[1] value key, KEYS[2] version key; ARGV[1] version seen, ARGV[2] JSON, ARGV[3] TTL.
const QByteArray kStoreScript =
    QByteArrayLiteral("if (redis.call('GET', KEYS[2]) or '') == ARGV[1] then "
                      "redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3]) return 1 end return 0");
// KEYS[1] value key, KEYS[2] version key. The version outlives any read in flight.
const QByteArray kInvalidateScript = QByteArrayLiteral(
    "redis.call('INCR', KEYS[2]) redis.call('EXPIRE', KEYS[2], 86400) return redis.call('DEL', KEYS[1])");
} // namespace

QByteArray ResponseCache::versionKey(const QByteArray &key)
{
    return key + ":version";
}

ResponseCache::Lookup ResponseCache::lookup(const CacheKey &key)
{
    Lookup result;
    try {
        const RedisReply reply = m_redis.command({QByteArrayLiteral("MGET"), key.key, versionKey(key.key)});
        if (reply.type != RedisReply::Type::Array || reply.elements.size() != 2)
            return result;
        result.version = reply.elements[1].string;
        const RedisReply &value = reply.elements[0];
        // A value that is not a JSON object is corrupt: a miss, overwritten by store().
        if (value.type == RedisReply::Type::String && QJsonDocument::fromJson(value.string).isObject())
            result.json = value.string;
    } catch (const RedisUnavailable &) {
        result.redisAvailable = false;
    }
    return result;
}

void ResponseCache::store(const CacheKey &key, const Lookup &lookup, const QByteArray &json)
{
    if (!lookup.redisAvailable)
        return;
    try {
        m_redis.command({QByteArrayLiteral("EVAL"), kStoreScript, "2", key.key, versionKey(key.key), lookup.version,
                         json, QByteArray::number(key.ttlSeconds)});
    } catch (const RedisUnavailable &) {
        // Serving from PostgreSQL is enough; the next reader tries again.
    }
}

QList<QByteArray> ResponseCache::invalidateCommand(const QByteArray &key)
{
    return {QByteArrayLiteral("EVAL"), kInvalidateScript, "2", key, versionKey(key)};
}

void ResponseCache::invalidateNow(RedisClient &redis, const QByteArray &key)
{
    const RedisReply reply = redis.command(invalidateCommand(key));
    if (reply.isError())
        qCWarning(lcRedis).noquote() << "invalidating" << key << "failed:" << reply.string;
}

void ResponseCache::invalidate(const CacheKey &key)
{
    try {
        invalidateNow(m_redis, key.key);
    } catch (const RedisUnavailable &) {
        m_invalidateLater(key.key);
    }
}

} // namespace tickets::server
