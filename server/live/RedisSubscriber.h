#pragma once
// SUBSCRIBE to one Redis channel on the Qt event loop (hiredis async context driven by socket
// notifiers), re-subscribing by itself after Redis restarts. Pub/sub drops what it misses
// meanwhile; clients catch up from the outbox (GET /eventos?since=).

#include "live/ChannelSubscriber.h"

#include <QTimer>

struct redisAsyncContext;
class QSocketNotifier;

namespace tickets::server {

class RedisSubscriber : public ChannelSubscriber
{
public:
    RedisSubscriber(const RedisSettings &settings, QByteArray channel, QObject *parent = nullptr);
    ~RedisSubscriber() override;

    void start() override;
    bool isSubscribed() const { return m_subscribed; }

private:
    void connectToRedis();
    void onDisconnected();
    void onReply(void *reply);
    void watch(bool read, bool enable);
    void drop();

    RedisSettings m_settings;
    QByteArray m_channel;
    redisAsyncContext *m_context = nullptr;
    QSocketNotifier *m_read = nullptr;
    QSocketNotifier *m_write = nullptr;
    QTimer m_retry;
    bool m_subscribed = false;

    // hiredis' C callbacks
    static void addRead(void *self);
    static void delRead(void *self);
    static void addWrite(void *self);
    static void delWrite(void *self);
    static void cleanup(void *self);
    static void connected(const redisAsyncContext *context, int status);
    static void disconnected(const redisAsyncContext *context, int status);
    static void replied(redisAsyncContext *context, void *reply, void *self);
};

} // namespace tickets::server
