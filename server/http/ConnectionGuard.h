#pragma once
// The bounds QtHttpServer 6.4 lacks, enforced per connection before its parser sees the bytes:
// a declared body over the limit gets 413 at once (nothing buffered), oversized headers 431,
// a request that does not arrive in time 408, an idle keep-alive connection is closed, and a
// chunked body is cut off at the limit. Live-event sockets opt out with markLongLived().

#include "config/Config.h"
#include "http/Message.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <functional>

class QTcpSocket;

namespace tickets::server::http {

// Extra headers of the guard's own answers (413, 431, 408, 400), given the request's Origin:
// the CORS headers, so a browser can read why it was refused.
using RejectHeaders = std::function<HeaderList(const QByteArray &origin)>;

class ConnectionGuard : public QObject
{
    Q_OBJECT
public:
    ConnectionGuard(QTcpSocket *socket, const HttpLimits &limits, const RejectHeaders &rejectHeaders,
                    std::atomic<int> &liveConnections);
    ~ConnectionGuard() override;

    static void markLongLived(QTcpSocket *socket);

private:
    enum class State { Idle, Receiving, Closing };

    void onReadyRead();
    void onBytesWritten();
    void onTimeout();
    bool inspectHead(); // false when the request was rejected
    void reject(int status, const QString &detail);
    void drain();

    QTcpSocket *m_socket;
    const HttpLimits &m_limits;
    const RejectHeaders &m_rejectHeaders;
    std::atomic<int> &m_live;
    QTimer m_timer;
    State m_state = State::Idle;
    QByteArray m_head;
    qint64 m_headerBytes = -1;
    qint64 m_requestBytes = 0;
    bool m_chunked = false;
    bool m_halfClosed = false;
    QByteArray m_origin;
};

} // namespace tickets::server::http
