#include "redis/RedisClient.h"

#include "redis/HiredisClient.h"
#include "redis/UpstashClient.h"

#include <QElapsedTimer>

namespace tickets::server {

bool RedisClient::ping(double *milliseconds, QString *error)
{
    QElapsedTimer timer;
    timer.start();
    try {
        const RedisReply reply = command({QByteArrayLiteral("PING")});
        *milliseconds = timer.nsecsElapsed() / 1e6;
        if (reply.isError()) {
            *error = QString::fromUtf8(reply.string);
            return false;
        }
        return true;
    } catch (const RedisUnavailable &failure) {
        *error = failure.message();
        return false;
    }
}

QList<RedisReply> RedisClient::pipeline(const QList<QList<QByteArray>> &commands)
{
    // One command at a time, for a transport with no pipelining of its own.
    QList<RedisReply> replies;
    for (const QList<QByteArray> &arguments : commands) {
        try {
            replies << command(arguments);
        } catch (const RedisUnavailable &) {
            if (replies.isEmpty())
                throw;
            break;
        }
    }
    return replies;
}

std::unique_ptr<RedisClient> RedisClient::create(const RedisSettings &settings, int timeoutMs)
{
    if (settings.useUpstash())
        return std::make_unique<UpstashClient>(settings, timeoutMs);
    return std::make_unique<HiredisClient>(settings, timeoutMs);
}

} // namespace tickets::server
