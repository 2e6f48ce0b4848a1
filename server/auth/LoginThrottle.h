#pragma once
// Failed logins counted in Redis per email and client address:
//   login:fallos:<address>:<email, lower case>  INCR, expiring with the window
// Too many inside the window and the next attempt is refused (429) until the key expires, even
// with the right password. Without Redis nothing is counted: logins still work.

#include <QByteArray>
#include <QString>

namespace tickets::server {

class RedisClient;

class LoginThrottle
{
public:
    LoginThrottle(RedisClient &redis, int maxFailures, int windowSeconds)
        : m_redis(redis), m_maxFailures(maxFailures), m_windowSeconds(windowSeconds)
    {}

    // Seconds until `email` may try again from `address`; 0 when it may now.
    int retryAfter(const QString &email, const QString &address);
    void recordFailure(const QString &email, const QString &address);
    void reset(const QString &email, const QString &address);

    static QByteArray key(const QString &email, const QString &address);

private:
    RedisClient &m_redis;
    int m_maxFailures;
    int m_windowSeconds;
};

} // namespace tickets::server
