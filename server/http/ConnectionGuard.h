#pragma once
// The bounds QtHttpServer 6.4 lacks, enforced per connection before its parser sees the bytes.
// Every request head of the connection (pipelined ones too) is read strictly (RequestHead):
// a declared body over the limit gets 413 at once (nothing buffered), oversized headers 431,
// malformed or ambiguous heads 400, a request that does not arrive in time 408, an idle
// keep-alive connection is closed, a chunked body is cut off at the limit. A client that
// sends requests without reading the answers is held back: once its unsent output passes a
// bound, its further requests wait (a few at most, then it is disconnected), and output that
// does not move within the request deadline closes it. A WebSocket handshake never reaches
// QtHttpServer's upgrade code: the head is checked as RFC 6455 says (else 426) and the
// connection is handed to the UpgradeHandler. Live-event sockets opt out with markLongLived().

#include "config/Config.h"
#include "http/ConnectionCounter.h"
#include "http/Message.h"
#include "http/RequestHead.h"

#include <QObject>
#include <QTimer>

#include <functional>

class QTcpSocket;

namespace tickets::server::http {

// Extra headers of the guard's own answers (413, 431, 408, 400, 426), given the request's
// Origin: the CORS headers, so a browser can read why it was refused.
using RejectHeaders = std::function<HeaderList(const QByteArray &origin)>;
// Takes a connection whose head is a valid WebSocket handshake; the socket has left
// QtHttpServer (none of its slots remain) and its buffer starts at that head.
using UpgradeHandler = std::function<void(QTcpSocket *socket, const RequestHead &head)>;

struct ConnectionHooks
{
    RejectHeaders rejectHeaders;
    UpgradeHandler upgrade;
    // Hands the connection to QtHttpServer, once its first head is an ordinary request: a
    // connection whose first request is a WebSocket handshake never meets QtHttpServer, whose
    // per-connection request object QWebSocket would otherwise leave behind (it disconnects
    // every slot of the socket, the one that deletes that object included).
    std::function<void(QTcpSocket *)> toHttpServer;
};

class ConnectionGuard : public QObject
{
    Q_OBJECT
public:
    // Unsent output above which a connection's next requests wait, and below which they go.
    static constexpr qint64 kMaxUnsentBytes = 512 * 1024;
    static constexpr qint64 kResumeBytes = 64 * 1024;
    // Requests that may wait behind unread output before the client is disconnected.
    static constexpr int kMaxHeldRequests = 16;

    // The connection is counted in `counter` already; the guard uncounts it when it goes.
    ConnectionGuard(QTcpSocket *socket, const HttpLimits &limits, const ConnectionHooks &hooks,
                    ConnectionCounter &counter, const QHostAddress &peer, bool uncapped);
    ~ConnectionGuard() override;

    static ConnectionGuard *of(QTcpSocket *socket);
    static void markLongLived(QTcpSocket *socket);

    using Answer = std::function<void(const Request &request)>;
    // Called by the transport for every request QtHttpServer has parsed: answers it through
    // `answer` now, or later once the client has read enough of what came before.
    void dispatch(Request request, const Answer &answer);
    // An answer is being computed elsewhere (Response::deferred): later requests wait for it.
    void setAnswerPending(bool pending);

private:
    enum class State { AwaitingHead, Receiving, Closing, LongLived };

    void onReadyRead();
    void onBytesWritten();
    void onTimeout();
    bool inspectHead(); // false when the connection was rejected or handed over
    void handOver(const RequestHead &head);
    void nextRequest(); // the current request is answered: the next bytes start a new head
    void answerHeld();
    void rearm();
    void reject(int status, const QString &detail, const HeaderList &extra = {});
    void drain();

    QTcpSocket *m_socket;
    const HttpLimits &m_limits;
    const ConnectionHooks &m_hooks;
    ConnectionCounter &m_counter;
    const QHostAddress m_peer;
    const bool m_uncapped;
    QTimer m_timer;
    State m_state = State::AwaitingHead;
    QByteArray m_head;           // the bytes of the current head seen so far
    bool m_headDone = false;     // the current request's head passed inspection
    bool m_inHttpServer = false; // QtHttpServer parses this connection (from its first ordinary head on)
    qint64 m_bodyBytes = 0;      // of a chunked body, as far as it has arrived
    bool m_chunked = false;
    bool m_halfClosed = false;
    QByteArray m_origin;
    bool m_answerPending = false;
    QList<Request> m_held; // parsed requests waiting for the client to read, or for a deferred answer
    qint64 m_heldBytes = 0;
    Answer m_answer;
};

} // namespace tickets::server::http
