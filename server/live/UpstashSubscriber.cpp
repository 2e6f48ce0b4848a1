#include "live/UpstashSubscriber.h"

#include "live/Logging.h"
#include "live/RedisSubscriber.h"

#include <QNetworkReply>

namespace tickets::server {

ChannelSubscriber *ChannelSubscriber::create(const RedisSettings &settings, const QByteArray &channel, QObject *parent)
{
    if (settings.useUpstash())
        return new UpstashSubscriber(settings, channel, parent);
    return new RedisSubscriber(settings, channel, parent);
}

UpstashSubscriber::UpstashSubscriber(const RedisSettings &settings, QByteArray channel, QObject *parent)
    : ChannelSubscriber(parent), m_settings(settings), m_channel(std::move(channel)), m_manager(this), m_retry(this)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &UpstashSubscriber::start);
}

void UpstashSubscriber::start()
{
    QUrl url(m_settings.upstashUrl);
    url.setPath(url.path() + QStringLiteral("/subscribe/") + QString::fromUtf8(m_channel));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_settings.upstashToken.toUtf8());
    request.setRawHeader("Accept", "text/event-stream");
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    m_buffer.clear();
    m_stream = m_manager.post(request, QByteArrayLiteral("[]"));
    connect(m_stream, &QNetworkReply::readyRead, this, &UpstashSubscriber::readLines);
    connect(m_stream, &QNetworkReply::finished, this, [this] {
        qCWarning(lcLive).noquote() << "live events: the Upstash stream ended (" << m_stream->errorString()
                                    << "); reconnecting";
        m_stream->deleteLater();
        m_retry.start(500);
    });
}

void UpstashSubscriber::readLines()
{
    m_buffer += m_stream->readAll();
    qsizetype end;
    while ((end = m_buffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_buffer.left(end).trimmed();
        m_buffer.remove(0, end + 1);
        if (!line.startsWith("data:"))
            continue;
        const QByteArray data = line.mid(5).trimmed();
        const QByteArray prefix = "message," + m_channel + ',';
        if (data.startsWith(prefix))
            Q_EMIT message(data.mid(prefix.size()));
        else if (data.startsWith("subscribe,"))
            qCInfo(lcLive).noquote() << "live events: subscribed to" << m_channel << "through Upstash";
    }
}

} // namespace tickets::server
