#pragma once
// A WebSocket client of /ws/eventos for tests. It keeps every message; other suites publish on
// the same Redis channel, so assertions look at the messages about one id.

#include <QDeadlineTimer>
#include <QTest>
#include <QWebSocket>

namespace tickets::test {

class LiveSocket : public QObject
{
public:
    explicit LiveSocket(int port, const QByteArray &token = {})
    {
        connect(&m_socket, &QWebSocket::textMessageReceived, this,
                [this](const QString &m) { m_messages << m.toUtf8(); });
        connect(&m_socket, &QWebSocket::disconnected, this, [this] { m_closed = true; });
        QString url = QStringLiteral("ws://127.0.0.1:%1/ws/eventos").arg(port);
        if (!token.isEmpty())
            url += QStringLiteral("?access_token=") + QString::fromLatin1(token);
        m_socket.open(QUrl(url));
    }

    bool waitConnected()
    {
        QDeadlineTimer deadline(5000);
        while (m_socket.state() != QAbstractSocket::ConnectedState && !m_closed && !deadline.hasExpired())
            QTest::qWait(20);
        return m_socket.state() == QAbstractSocket::ConnectedState;
    }

    // Refused: the server closes the upgraded connection with 1008 (policy violation) and
    // sends nothing.
    bool waitRefused()
    {
        QDeadlineTimer deadline(5000);
        while (!m_closed && !deadline.hasExpired())
            QTest::qWait(20);
        return m_closed && m_socket.closeCode() == QWebSocketProtocol::CloseCodePolicyViolated && m_messages.isEmpty();
    }

    QList<QByteArray> messagesAbout(const QString &id) const
    {
        QList<QByteArray> mine;
        for (const QByteArray &m : m_messages) {
            if (m.contains(id.toLatin1()))
                mine << m;
        }
        return mine;
    }
    const QList<QByteArray> &messages() const { return m_messages; }
    QAbstractSocket::SocketState state() const { return m_socket.state(); }
    QWebSocket &socket() { return m_socket; }

private:
    QWebSocket m_socket;
    QList<QByteArray> m_messages;
    bool m_closed = false;
};

} // namespace tickets::test
