#pragma once
// SUBSCRIBE over Upstash REST: POST <url>/subscribe/<channel> with Accept: text/event-stream,
// then one "data: message,<channel>,<payload>" line per message. Reconnects when the stream ends.

#include "live/ChannelSubscriber.h"

#include <QNetworkAccessManager>
#include <QPointer>
#include <QTimer>

class QNetworkReply;

namespace tickets::server {

class UpstashSubscriber : public ChannelSubscriber
{
public:
    UpstashSubscriber(const RedisSettings &settings, QByteArray channel, QObject *parent = nullptr);
    void start() override;

private:
    void readLines();

    RedisSettings m_settings;
    QByteArray m_channel;
    QNetworkAccessManager m_manager;
    QPointer<QNetworkReply> m_stream;
    QByteArray m_buffer;
    QTimer m_retry;
};

} // namespace tickets::server
