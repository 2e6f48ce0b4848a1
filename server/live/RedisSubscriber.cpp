#include "live/RedisSubscriber.h"

#include "live/Logging.h"

#include <QSocketNotifier>

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

namespace tickets::server {

namespace {
constexpr int kRetryMs = 500;
}

RedisSubscriber::RedisSubscriber(const RedisSettings &settings, QByteArray channel, QObject *parent)
    : ChannelSubscriber(parent), m_settings(settings), m_channel(std::move(channel)), m_retry(this)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &RedisSubscriber::connectToRedis);
}

RedisSubscriber::~RedisSubscriber()
{
    if (m_context) {
        m_context->data = nullptr; // no callbacks into a half-destroyed object
        redisAsyncFree(m_context);
    }
}

void RedisSubscriber::start()
{
    connectToRedis();
}

void RedisSubscriber::connectToRedis()
{
    m_context = redisAsyncConnect(m_settings.host.toUtf8().constData(), m_settings.port);
    if (!m_context || m_context->err) {
        if (m_context)
            redisAsyncFree(m_context);
        m_context = nullptr;
        m_retry.start(kRetryMs);
        return;
    }
    m_context->data = this;
    m_context->ev.data = this;
    m_context->ev.addRead = &RedisSubscriber::addRead;
    m_context->ev.delRead = &RedisSubscriber::delRead;
    m_context->ev.addWrite = &RedisSubscriber::addWrite;
    m_context->ev.delWrite = &RedisSubscriber::delWrite;
    m_context->ev.cleanup = &RedisSubscriber::cleanup;
    redisAsyncSetConnectCallback(m_context, &RedisSubscriber::connected);
    redisAsyncSetDisconnectCallback(m_context, &RedisSubscriber::disconnected);
    if (!m_settings.password.isEmpty())
        redisAsyncCommand(m_context, nullptr, nullptr, "AUTH %s", m_settings.password.toUtf8().constData());
    redisAsyncCommand(m_context, &RedisSubscriber::replied, this, "SUBSCRIBE %b", m_channel.constData(),
                      static_cast<size_t>(m_channel.size()));
}

void RedisSubscriber::watch(bool read, bool enable)
{
    QSocketNotifier *&notifier = read ? m_read : m_write;
    if (enable && !notifier && m_context) {
        notifier = new QSocketNotifier(m_context->c.fd, read ? QSocketNotifier::Read : QSocketNotifier::Write, this);
        connect(notifier, &QSocketNotifier::activated, this, [this, read] {
            if (m_context)
                read ? redisAsyncHandleRead(m_context) : redisAsyncHandleWrite(m_context);
        });
    } else if (!enable && notifier) {
        notifier->setEnabled(false);
        notifier->deleteLater();
        notifier = nullptr;
    }
}

void RedisSubscriber::drop()
{
    watch(true, false);
    watch(false, false);
}

void RedisSubscriber::onDisconnected()
{
    // hiredis frees the context after this callback.
    drop();
    m_context = nullptr;
    if (m_subscribed)
        qCWarning(lcLive) << "live events: lost the Redis subscription; reconnecting";
    m_subscribed = false;
    m_retry.start(kRetryMs);
}

void RedisSubscriber::onReply(void *raw)
{
    auto *reply = static_cast<redisReply *>(raw);
    if (!reply || reply->type != REDIS_REPLY_ARRAY || reply->elements < 3)
        return;
    const QByteArray kind(reply->element[0]->str, static_cast<qsizetype>(reply->element[0]->len));
    if (kind == "subscribe") {
        m_subscribed = true;
        qCInfo(lcLive).noquote() << "live events: subscribed to" << m_channel;
    } else if (kind == "message" && reply->element[2]->type == REDIS_REPLY_STRING) {
        Q_EMIT message(QByteArray(reply->element[2]->str, static_cast<qsizetype>(reply->element[2]->len)));
    }
}

void RedisSubscriber::addRead(void *self)
{
    static_cast<RedisSubscriber *>(self)->watch(true, true);
}
void RedisSubscriber::delRead(void *self)
{
    static_cast<RedisSubscriber *>(self)->watch(true, false);
}
void RedisSubscriber::addWrite(void *self)
{
    static_cast<RedisSubscriber *>(self)->watch(false, true);
}
void RedisSubscriber::delWrite(void *self)
{
    static_cast<RedisSubscriber *>(self)->watch(false, false);
}
void RedisSubscriber::cleanup(void *self)
{
    static_cast<RedisSubscriber *>(self)->drop();
}

void RedisSubscriber::connected(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<RedisSubscriber *>(context->data);
    if (status != REDIS_OK && self) {
        self->drop();
        self->m_context = nullptr; // hiredis frees it
        self->m_retry.start(kRetryMs);
    }
}

void RedisSubscriber::disconnected(const redisAsyncContext *context, int)
{
    if (auto *self = static_cast<RedisSubscriber *>(context->data))
        self->onDisconnected();
}

void RedisSubscriber::replied(redisAsyncContext *, void *reply, void *self)
{
    if (self)
        static_cast<RedisSubscriber *>(self)->onReply(reply);
}

} // namespace tickets::server
