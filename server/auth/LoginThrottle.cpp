#include "auth/LoginThrottle.h"

#include "auth/Logging.h"
#include "redis/RedisClient.h"

namespace tickets::server {

namespace {
// KEYS[1] counter; ARGV[1] window. The window starts at the first failure.
const QByteArray kFailScript = QByteArrayLiteral(
    "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end return n");
} // namespace

QByteArray LoginThrottle::key(const QString &email, const QString &address)
{
    return "login:fallos:" + address.toUtf8() + ':' + email.toLower().toUtf8();
}

int LoginThrottle::retryAfter(const QString &email, const QString &address)
{
    try {
        const QByteArray counter = key(email, address);
        const RedisReply failures = m_redis.command({"GET", counter});
        if (failures.string.toLongLong() < m_maxFailures)
            return 0;
        const RedisReply ttl = m_redis.command({"TTL", counter});
        return ttl.integer > 0 ? static_cast<int>(ttl.integer) : 1;
    } catch (const RedisUnavailable &error) {
        qCWarning(lcAuth).noquote() << "failed logins not checked:" << error.message();
        return 0;
    }
}

void LoginThrottle::recordFailure(const QString &email, const QString &address)
{
    try {
        m_redis.command({"EVAL", kFailScript, "1", key(email, address), QByteArray::number(m_windowSeconds)});
    } catch (const RedisUnavailable &error) {
        qCWarning(lcAuth).noquote() << "failed login not counted:" << error.message();
    }
}

void LoginThrottle::reset(const QString &email, const QString &address)
{
    try {
        m_redis.command({"DEL", key(email, address)});
    } catch (const RedisUnavailable &) {
    }
}

} // namespace tickets::server
