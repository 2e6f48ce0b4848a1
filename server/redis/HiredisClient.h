#pragma once
// RedisClient over a hiredis 0.14 synchronous context: connect and command timeouts
// (re-applied after every reconnect, which hiredis forgets), AUTH when a password is set, and
// a short back-off after a failure so a Redis that is down costs requests nothing.

#include "redis/RedisClient.h"

#include <QElapsedTimer>

struct redisContext;

namespace tickets::server {

class HiredisClient : public RedisClient
{
public:
    HiredisClient(const RedisSettings &settings, int timeoutMs);
    ~HiredisClient() override;

    RedisReply command(const QList<QByteArray> &arguments) override;
    QList<RedisReply> pipeline(const QList<QList<QByteArray>> &commands) override;

private:
    void connect();
    [[noreturn]] void fail(const QString &reason);
    void drop(const QString &reason); // the context is unusable after any error

    RedisSettings m_settings;
    int m_timeoutMs;
    redisContext *m_context = nullptr;
    QElapsedTimer m_sinceFailure;
    QString m_lastFailure;
};

} // namespace tickets::server
