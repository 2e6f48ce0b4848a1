#pragma once
// A LiveChannel with no socket: the test opens, feeds and drops the connection by hand, so
// LiveEvents' rules (greeting, catch-up, hold-back, each event once, reconnect) run in-process.

#include "core/LiveChannel.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace tickets::test {

class FakeLiveChannel : public client::LiveChannel
{
    Q_OBJECT
public:
    using LiveChannel::LiveChannel;

    void open(const QNetworkRequest &request) override
    {
        m_url = request.url();
        m_authorization = request.rawHeader("Authorization");
        m_opening = true;
        ++m_opens;
    }
    void abort() override
    {
        if (!m_open && !m_opening)
            return;
        m_open = m_opening = false;
        Q_EMIT closed();
    }
    bool isOpen() const override { return m_open; }

    // The server's side.
    void accept()
    {
        m_opening = false;
        m_open = true;
        Q_EMIT opened();
    }
    void refuse()
    {
        m_opening = false;
        Q_EMIT closed();
    }
    void deliver(const QJsonObject &message)
    {
        Q_EMIT messageReceived(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    }
    void deliverText(const QString &text) { Q_EMIT messageReceived(text); }
    void drop()
    {
        m_open = false;
        Q_EMIT closed();
    }

    QUrl url() const { return m_url; }
    QByteArray authorization() const { return m_authorization; }
    int opens() const { return m_opens; }
    bool isOpening() const { return m_opening; }

private:
    QUrl m_url;
    QByteArray m_authorization;
    bool m_open = false;
    bool m_opening = false;
    int m_opens = 0;
};

} // namespace tickets::test
