#pragma once
// One thread's synchronous Redis connection (hiredis): connect and command timeouts re-applied
// after every reconnect (hiredis drops them), AUTH when a password is set, and no reconnect
// storm while Redis is down.

#include "config/Config.h"

#include <QElapsedTimer>
#include <QString>

struct redisContext;

namespace tickets::server {

class RedisConnection
{
public:
    explicit RedisConnection(const RedisSettings &settings, int timeoutMs = 500);
    ~RedisConnection();
    RedisConnection(const RedisConnection &) = delete;
    RedisConnection &operator=(const RedisConnection &) = delete;

    // PING; the round trip in milliseconds, or the reason it failed.
    bool ping(double *milliseconds, QString *error);

private:
    bool connect(QString *error);
    void drop();

    RedisSettings m_settings;
    int m_timeoutMs;
    redisContext *m_context = nullptr;
    QElapsedTimer m_sinceFailure;
    QString m_lastFailure;
};

} // namespace tickets::server
