#include "app/SessionMemoFeed.h"

#include "auth/SessionMemo.h"
#include "events/Events.h"
#include "live/ChannelSubscriber.h"

namespace tickets::server {

SessionMemoFeed::SessionMemoFeed(const RedisSettings &redis, SessionMemo &memo, QObject *parent)
    : QObject(parent), m_redis(redis), m_memo(memo)
{}

void SessionMemoFeed::start()
{
    for (const QByteArray &channel : {QByteArray(SessionMemo::kChannel), QByteArray(events::kChannel)}) {
        auto *subscriber = ChannelSubscriber::create(m_redis, channel, this);
        connect(subscriber, &ChannelSubscriber::message, this, [this](const QByteArray &m) { m_memo.apply(m); });
        subscriber->start();
    }
}

} // namespace tickets::server
