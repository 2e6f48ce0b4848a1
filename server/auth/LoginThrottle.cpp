#include "auth/LoginThrottle.h"

#include "auth/Logging.h"
#include "redis/RedisClient.h"

namespace tickets::server {

namespace {
constexpr int kWiderLimit = 4; // per address and per account: this many times the per-pair limit

// KEYS: pair, address, account. ARGV: pair limit, wider limit, window, count (1: count it).
// Returns the seconds to wait (the longest TTL of a full counter) or 0.
const QByteArray kCheckScript = QByteArrayLiteral(
    "local limits = {tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[2])} local wait = 0 "
    "for i = 1, 3 do if tonumber(redis.call('GET', KEYS[i]) or '0') >= limits[i] then "
    "local t = redis.call('TTL', KEYS[i]) if t < 1 then t = 1 end if t > wait then wait = t end end end "
    "if wait > 0 or ARGV[4] ~= '1' then return wait end "
    "for i = 1, 3 do if redis.call('INCR', KEYS[i]) == 1 then redis.call('EXPIRE', KEYS[i], ARGV[3]) end end "
    "return 0");
// KEYS: pair, address, account; ARGV[1] window.
const QByteArray kFailScript = QByteArrayLiteral(
    "for i = 1, 3 do if redis.call('INCR', KEYS[i]) == 1 then redis.call('EXPIRE', KEYS[i], ARGV[1]) end end "
    "return 0");
// KEYS: pair, address, account; ARGV[1] '1': the pair starts afresh, otherwise it gives one back.
const QByteArray kResetScript =
    QByteArrayLiteral("local from = 1 if ARGV[1] == '1' then redis.call('DEL', KEYS[1]) from = 2 end "
                      "for i = from, 3 do if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then "
                      "redis.call('DECR', KEYS[i]) end end return 0");
} // namespace

QString LoginThrottle::fold(const QString &email)
{
    return email.trimmed().toLower();
}

QByteArray LoginThrottle::key(const QString &email, const QString &address)
{
    return "login:fallos:" + address.toUtf8() + ':' + fold(email).toUtf8();
}

QByteArray LoginThrottle::addressKey(const QString &address)
{
    return "login:fallos:ip:" + address.toUtf8();
}

QByteArray LoginThrottle::accountKey(const QString &account)
{
    return "login:fallos:cuenta:" + fold(account).toUtf8();
}

int LoginThrottle::run(const QByteArray &script, const QString &email, const QString &address, const QString &account,
                       const QList<QByteArray> &arguments)
{
    QList<QByteArray> command{
        "EVAL", script, "3", key(email, address), addressKey(address), accountKey(account.isEmpty() ? email : account)};
    command << arguments;
    const RedisReply reply = m_redis.command(command);
    if (reply.isError())
        qCWarning(lcAuth).noquote() << "login throttle script failed:" << reply.string;
    return static_cast<int>(reply.integer);
}

QList<QByteArray> LoginThrottle::limits(bool count) const
{
    return {QByteArray::number(m_maxFailures), QByteArray::number(m_maxFailures * kWiderLimit),
            QByteArray::number(m_windowSeconds), count ? "1" : "0"};
}

int LoginThrottle::attempt(const QString &email, const QString &address, const QString &account)
{
    try {
        return run(kCheckScript, email, address, account, limits(true));
    } catch (const RedisUnavailable &error) {
        qCWarning(lcAuth).noquote() << "failed logins not checked:" << error.message();
        return 0;
    }
}

int LoginThrottle::retryAfter(const QString &email, const QString &address, const QString &account)
{
    try {
        return run(kCheckScript, email, address, account, limits(false));
    } catch (const RedisUnavailable &error) {
        qCWarning(lcAuth).noquote() << "failed logins not checked:" << error.message();
        return 0;
    }
}

void LoginThrottle::recordFailure(const QString &email, const QString &address, const QString &account)
{
    try {
        run(kFailScript, email, address, account, {QByteArray::number(m_windowSeconds)});
    } catch (const RedisUnavailable &error) {
        qCWarning(lcAuth).noquote() << "failed login not counted:" << error.message();
    }
}

void LoginThrottle::reset(const QString &email, const QString &address, const QString &account)
{
    try {
        run(kResetScript, email, address, account, {"1"});
    } catch (const RedisUnavailable &) {
    }
}

void LoginThrottle::giveBack(const QString &email, const QString &address, const QString &account)
{
    try {
        run(kResetScript, email, address, account, {"0"});
    } catch (const RedisUnavailable &) {
    }
}

} // namespace tickets::server
