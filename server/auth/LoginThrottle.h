#pragma once
// Login attempts counted in Redis, three ways, each expiring with the window:
//   login:fallos:<address>:<email, folded>   one email from one address (maxFailures)
//   login:fallos:ip:<address>                 one address across emails (spraying; 4x)
//   login:fallos:cuenta:<account>             one account across addresses (4x)
// attempt() checks and counts in one Lua script, so concurrent attempts cannot all slip under
// the limit; a successful login takes its attempt back (reset). Too many inside the window and
// the next attempt is refused (429) until the key expires, even with the right password.
// Without Redis nothing is counted: logins still work.

#include <QByteArray>
#include <QList>
#include <QString>

namespace tickets::server {

class RedisClient;

class LoginThrottle
{
public:
    LoginThrottle(RedisClient &redis, int maxFailures, int windowSeconds)
        : m_redis(redis), m_maxFailures(maxFailures), m_windowSeconds(windowSeconds)
    {}

    // `account` names the account across addresses: its id when it exists, else the email.
    // Seconds to wait (nothing counted) or 0: the attempt is counted and may go ahead.
    int attempt(const QString &email, const QString &address, const QString &account);
    // Seconds until `email` may try again from `address`; 0 when it may now (counts nothing).
    int retryAfter(const QString &email, const QString &address, const QString &account = {});
    void recordFailure(const QString &email, const QString &address, const QString &account = {});
    // A successful login: its email starts afresh from that address, and the attempt is taken
    // back from the address's and the account's counts.
    void reset(const QString &email, const QString &address, const QString &account = {});
    // An attempt that could not be made (the verifiers were busy): it counts for nothing.
    void giveBack(const QString &email, const QString &address, const QString &account);

    // Emails folded as the SQL lookup folds them (lower(), after trimming).
    static QString fold(const QString &email);
    static QByteArray key(const QString &email, const QString &address);
    static QByteArray addressKey(const QString &address);
    static QByteArray accountKey(const QString &account);

private:
    int run(const QByteArray &script, const QString &email, const QString &address, const QString &account,
            const QList<QByteArray> &arguments);
    QList<QByteArray> limits(bool count) const;

    RedisClient &m_redis;
    int m_maxFailures;
    int m_windowSeconds;
};

} // namespace tickets::server
