#pragma once
// The socket under LiveEvents, as a small interface: LiveEvents keeps the feed's rules (wait
// for the greeting, catch up, hold back, each event once, back off) and the channel only
// carries text. WebSocketChannel is the real one; the unit tests drive LiveEvents through
// tests/support/FakeLiveChannel without any socket.

#include <QNetworkRequest>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

namespace tickets::client {

class LiveChannel : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // The request carries the token as an Authorization header (QWebSocket sends its headers).
    virtual void open(const QNetworkRequest &request) = 0;
    // Drops the connection at once; `closed` follows when one was open or opening.
    virtual void abort() = 0;
    virtual bool isOpen() const = 0;

Q_SIGNALS:
    void opened();
    void closed(); // also when opening failed
    void messageReceived(const QString &message);
};

class WebSocketChannel : public LiveChannel
{
    Q_OBJECT
public:
    explicit WebSocketChannel(QObject *parent = nullptr);
    ~WebSocketChannel() override;

    void open(const QNetworkRequest &request) override { m_socket.open(request); }
    void abort() override { m_socket.abort(); }
    bool isOpen() const override { return m_socket.state() == QAbstractSocket::ConnectedState; }

private:
    QWebSocket m_socket;
};

} // namespace tickets::client
