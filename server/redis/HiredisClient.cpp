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

void HiredisClient::drop(const QString &reason)
{
    if (m_context)
        redisFree(m_context);
    m_context = nullptr;
    if (!m_sinceFailure.isValid())
        qCWarning(lcRedis).noquote() << "Redis unavailable:" << reason;
    m_lastFailure = reason;
    m_sinceFailure.start();
}

void HiredisClient::fail(const QString &reason)
{
    drop(reason);
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

namespace {
struct Argv
{
    std::vector<const char *> pointers;
    std::vector<size_t> lengths;
    explicit Argv(const QList<QByteArray> &arguments)
    {
        for (const QByteArray &argument : arguments) {
            pointers.push_back(argument.constData());
            lengths.push_back(static_cast<size_t>(argument.size()));
        }
    }
    int count() const { return static_cast<int>(pointers.size()); }
};
} // namespace

RedisReply HiredisClient::command(const QList<QByteArray> &arguments)
{
    connect();
    Argv argv(arguments);
    auto *reply =
        static_cast<redisReply *>(redisCommandArgv(m_context, argv.count(), argv.pointers.data(), argv.lengths.data()));
    if (!reply)
        fail(QString::fromUtf8(m_context->errstr));
    RedisReply result = convert(reply);
    freeReplyObject(reply);
    return result;
}

QList<RedisReply> HiredisClient::pipeline(const QList<QList<QByteArray>> &commands)
{
    connect();
    for (const QList<QByteArray> &arguments : commands) {
        Argv argv(arguments); // copied into hiredis's output buffer at once
        if (redisAppendCommandArgv(m_context, argv.count(), argv.pointers.data(), argv.lengths.data()) != REDIS_OK)
            fail(QString::fromUtf8(m_context->errstr)); // nothing was written yet
    }
    QList<RedisReply> replies;
    replies.reserve(commands.size());
    for (qsizetype i = 0; i < commands.size(); ++i) {
        void *reply = nullptr;
        if (redisGetReply(m_context, &reply) != REDIS_OK || !reply) {
            const QString reason = QString::fromUtf8(m_context->errstr);
            if (replies.isEmpty())
                fail(reason);
            drop(reason);
            break;
        }
        replies << convert(static_cast<redisReply *>(reply));
        freeReplyObject(reply);
    }
    return replies;
}

} // namespace tickets::server
