#include "redis/RedisClient.h"

#include "redis/HiredisClient.h"

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

namespace {
// Upstash's REST transport is not written yet: say so on every use instead of quietly
// talking to a local Redis the operator did not ask for.
class MissingTransport : public RedisClient
{
public:
    RedisReply command(const QList<QByteArray> &) override
    {
        throw RedisUnavailable(QStringLiteral("Upstash REST mode is not available in this version"));
    }
};
} // namespace

std::unique_ptr<RedisClient> RedisClient::create(const RedisSettings &settings, int timeoutMs)
{
    if (settings.useUpstash())
        return std::make_unique<MissingTransport>();
    return std::make_unique<HiredisClient>(settings, timeoutMs);
}

} // namespace tickets::server
