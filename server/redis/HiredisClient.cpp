#include "redis/HiredisClient.h"

#include "redis/Logging.h"

#include <hiredis/hiredis.h>
#include <vector>

namespace tickets::server {

namespace {
constexpr qint64 kRetryConnectAfterMs = 500;

timeval toTimeval(int ms)
{
    return timeval{ms / 1000, (ms % 1000) * 1000};
}

RedisReply convert(const redisReply *reply)
{
    RedisReply result;
    switch (reply->type) {
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
        result.type = reply->type == REDIS_REPLY_STRING   ? RedisReply::Type::String
                      : reply->type == REDIS_REPLY_STATUS ? RedisReply::Type::Status
                                                          : RedisReply::Type::Error;
        result.string = QByteArray(reply->str, static_cast<qsizetype>(reply->len));
        break;
    case REDIS_REPLY_INTEGER:
        result.type = RedisReply::Type::Integer;
        result.integer = reply->integer;
        break;
    case REDIS_REPLY_ARRAY:
        result.type = RedisReply::Type::Array;
        for (size_t i = 0; i < reply->elements; ++i)
            result.elements.append(convert(reply->element[i]));
        break;
    default: break;
    }
    return result;
}
} // namespace

HiredisClient::HiredisClient(const RedisSettings &settings, int timeoutMs)
    : m_settings(settings), m_timeoutMs(timeoutMs)
{}

HiredisClient::~HiredisClient()
{
    if (m_context)
        redisFree(m_context);
}

void HiredisClient::fail(const QString &reason)
{
    if (m_context)
        redisFree(m_context);
    m_context = nullptr;
    if (!m_sinceFailure.isValid())
        qCWarning(lcRedis).noquote() << "Redis unavailable:" << reason;
    m_lastFailure = reason;
    m_sinceFailure.start();
    throw RedisUnavailable(reason);
}

void HiredisClient::connect()
{
    if (m_context)
        return;
    if (m_sinceFailure.isValid() && m_sinceFailure.elapsed() < kRetryConnectAfterMs)
        throw RedisUnavailable(m_lastFailure);
    m_context = redisConnectWithTimeout(m_settings.host.toUtf8().constData(), m_settings.port, toTimeval(m_timeoutMs));
    if (!m_context || m_context->err)
        fail(m_context ? QString::fromUtf8(m_context->errstr) : QStringLiteral("out of memory"));
    redisSetTimeout(m_context, toTimeval(m_timeoutMs)); // bounds every command, not only the connect
    if (!m_settings.password.isEmpty()) {
        auto *reply =
            static_cast<redisReply *>(redisCommand(m_context, "AUTH %s", m_settings.password.toUtf8().constData()));
        const bool ok = reply && reply->type != REDIS_REPLY_ERROR;
        const QString reason = reply ? QString::fromUtf8(reply->str, static_cast<qsizetype>(reply->len))
                                     : QString::fromUtf8(m_context->errstr);
        if (reply)
            freeReplyObject(reply);
        if (!ok)
            fail(QStringLiteral("AUTH failed: ") + reason);
    }
    if (m_sinceFailure.isValid())
        qCInfo(lcRedis) << "connected to Redis again";
    m_sinceFailure.invalidate();
}

RedisReply HiredisClient::command(const QList<QByteArray> &arguments)
{
    connect();
    std::vector<const char *> argv;
    std::vector<size_t> lengths;
    for (const QByteArray &argument : arguments) {
        argv.push_back(argument.constData());
        lengths.push_back(static_cast<size_t>(argument.size()));
    }
    auto *reply = static_cast<redisReply *>(
        redisCommandArgv(m_context, static_cast<int>(argv.size()), argv.data(), lengths.data()));
    if (!reply)
        fail(QString::fromUtf8(m_context->errstr)); // the context is unusable after any error
    RedisReply result = convert(reply);
    freeReplyObject(reply);
    return result;
}

} // namespace tickets::server
