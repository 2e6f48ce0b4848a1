#include "redis/RedisConnection.h"

#include "app/Logging.h"

#include <QElapsedTimer>

#include <hiredis/hiredis.h>

namespace tickets::server {

namespace {
constexpr qint64 kRetryConnectAfterMs = 1000;

timeval toTimeval(int ms)
{
    return timeval{ms / 1000, (ms % 1000) * 1000};
}
} // namespace

RedisConnection::RedisConnection(const RedisSettings &settings, int timeoutMs)
    : m_settings(settings), m_timeoutMs(timeoutMs)
{
}

RedisConnection::~RedisConnection()
{
    drop();
}

void RedisConnection::drop()
{
    if (m_context)
        redisFree(m_context);
    m_context = nullptr;
}

bool RedisConnection::connect(QString *error)
{
    if (m_context && m_context->err == 0)
        return true;
    if (m_sinceFailure.isValid() && m_sinceFailure.elapsed() < kRetryConnectAfterMs) {
        *error = m_lastFailure;
        return false;
    }
    drop();
    if (m_settings.useUpstash()) {
        m_lastFailure = QStringLiteral("Upstash REST mode is not available in this version");
    } else {
        m_context = redisConnectWithTimeout(m_settings.host.toUtf8().constData(), m_settings.port, toTimeval(m_timeoutMs));
        if (m_context && m_context->err == 0) {
            redisSetTimeout(m_context, toTimeval(m_timeoutMs));
            if (!m_settings.password.isEmpty()) {
                auto *reply = static_cast<redisReply *>(
                    redisCommand(m_context, "AUTH %s", m_settings.password.toUtf8().constData()));
                const bool ok = reply && reply->type != REDIS_REPLY_ERROR;
                m_lastFailure = reply && !ok ? QString::fromUtf8(reply->str, static_cast<qsizetype>(reply->len))
                                             : QStringLiteral("AUTH failed");
                if (reply)
                    freeReplyObject(reply);
                if (!ok)
                    drop();
            }
        } else {
            m_lastFailure = m_context ? QString::fromUtf8(m_context->errstr) : QStringLiteral("out of memory");
            drop();
        }
    }
    if (!m_context) {
        if (!m_sinceFailure.isValid())
            qCWarning(lcRedis).noquote() << "cannot connect to Redis:" << m_lastFailure;
        m_sinceFailure.start();
        *error = m_lastFailure;
        return false;
    }
    if (m_sinceFailure.isValid())
        qCInfo(lcRedis) << "connected to Redis again";
    m_sinceFailure.invalidate();
    return true;
}

bool RedisConnection::ping(double *milliseconds, QString *error)
{
    if (!connect(error))
        return false;
    QElapsedTimer timer;
    timer.start();
    auto *reply = static_cast<redisReply *>(redisCommand(m_context, "PING"));
    *milliseconds = timer.nsecsElapsed() / 1e6;
    if (!reply) {
        *error = QString::fromUtf8(m_context->errstr);
        m_lastFailure = *error;
        drop();
        m_sinceFailure.start();
        return false;
    }
    const bool ok = reply->type == REDIS_REPLY_STATUS;
    if (!ok)
        *error = QString::fromUtf8(reply->str, static_cast<qsizetype>(reply->len));
    freeReplyObject(reply);
    return ok;
}

} // namespace tickets::server
