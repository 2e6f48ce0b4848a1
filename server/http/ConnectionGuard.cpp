#include "http/ConnectionGuard.h"

#include "http/Logging.h"
#include "protocol/Messages.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

#include <sys/socket.h>

namespace tickets::server::http {

namespace msg = protocol::msg;

namespace {
const char *const kLongLived = "tickets_long_lived";
constexpr int kLingerMs = 2000;
} // namespace

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const HttpLimits &limits, const ConnectionHooks &hooks,
                                 ConnectionCounter &counter, const QHostAddress &peer, bool uncapped)
    : QObject(socket), m_socket(socket), m_limits(limits), m_hooks(hooks), m_counter(counter), m_peer(peer),
      m_uncapped(uncapped), m_timer(this)
{
    m_timer.setSingleShot(true);
    // Connected before QHttpServer connects its own slot, so this one runs first on every read.
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::onReadyRead);
    connect(socket, &QTcpSocket::bytesWritten, this, &ConnectionGuard::onBytesWritten);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionGuard::onTimeout);
    // Until QtHttpServer takes the connection (and its own clean-up slot with it), this one.
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    m_timer.start(m_limits.idleTimeoutMs);
    qCDebug(lcHttp) << "connection from" << peer.toString() << "opened;" << m_counter.total() << "live";
}

ConnectionGuard::~ConnectionGuard()
{
    m_counter.close(m_peer, m_uncapped);
    qCDebug(lcHttp) << "connection closed;" << m_counter.total() << "live";
}

ConnectionGuard *ConnectionGuard::of(QTcpSocket *socket)
{
    return socket->findChild<ConnectionGuard *>(QString(), Qt::FindDirectChildrenOnly);
}

void ConnectionGuard::markLongLived(QTcpSocket *socket)
{
    socket->setProperty(kLongLived, true);
    if (auto *guard = of(socket)) {
        guard->m_state = State::LongLived;
        guard->m_timer.stop();
        guard->m_held.clear(); // requests pipelined behind a stream are never answered
    }
}

void ConnectionGuard::onReadyRead()
{
    if (m_state == State::Closing) {
        drain();
        return;
    }
    if (m_state == State::LongLived)
        return;
    if (m_state == State::AwaitingHead) {
        if (m_socket->bytesAvailable() == 0)
            return;
        // The first bytes of a new request: its deadline starts now.
        m_state = State::Receiving;
        m_head.clear();
        m_headDone = false;
        m_bodyBytes = 0;
        m_chunked = false;
        m_origin.clear();
        m_timer.start(m_limits.requestTimeoutMs);
    }
    if (!m_headDone) {
        inspectHead();
        return;
    }
    if (m_chunked) {
        m_bodyBytes += m_socket->bytesAvailable();
        if (m_bodyBytes > m_limits.maxBodyBytes + 64 * 1024)
            reject(413, msg::bodyTooLarge.arg(m_limits.maxBodyBytes));
    }
}

bool ConnectionGuard::inspectHead()
{
    // QtHttpServer consumes a head as it arrives, so each peek shows only bytes not seen yet;
    // before it has the connection, nothing is consumed and the head is peeked whole.
    if (!m_inHttpServer)
        m_head.clear();
    const qsizetype seen = m_head.size();
    const qint64 room = m_limits.maxHeaderBytes + 4 - seen;
    if (room > 0)
        m_head += m_socket->peek(room);
    const RequestHead head = RequestHead::parse(m_head, {m_limits.maxHeaderBytes, m_limits.maxBodyBytes});
    m_origin = head.header("origin");
    switch (head.verdict) {
    case RequestHead::Verdict::Incomplete: return true;
    case RequestHead::Verdict::Rejected: reject(head.status, head.detail); return false;
    case RequestHead::Verdict::Complete: break;
    }
    if (head.upgradesToWebSocket()) {
        const QString problem = head.webSocketHandshakeProblem();
        if (!problem.isEmpty() || !m_hooks.upgrade) {
            reject(426, problem.isEmpty() ? msg::upgradeRequired : problem,
                   {{"Upgrade", "websocket"}, {"Sec-WebSocket-Version", "13"}});
            return false;
        }
        handOver(head);
        return false;
    }
    m_headDone = true;
    m_chunked = head.chunked;
    if (m_chunked) // the body bytes that came with the end of the head
        m_bodyBytes = m_socket->bytesAvailable() - (head.leadingBytes + head.size - seen);
    if (head.expectContinue)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    if (!m_inHttpServer && m_hooks.toHttpServer) {
        m_inHttpServer = true;
        m_hooks.toHttpServer(m_socket);
    }
    return true;
}

void ConnectionGuard::handOver(const RequestHead &head)
{
    m_state = State::LongLived;
    // Out of QtHttpServer's hands for good: its parser and its clean-up slot are disconnected
    // (its upgrade code is never reached), and the buffer is rewound to the start of the head.
    QObject::disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    QObject::disconnect(m_socket, &QTcpSocket::disconnected, nullptr, nullptr);
    if (m_inHttpServer) {
        // A connection QtHttpServer has served before (nginx reuses its upstream connections):
        // QtHttpServer frees its per-connection request object when the socket's destroyed()
        // fires, a slot QWebSocket will disconnect. It is fired now, for that slot alone.
        Q_EMIT m_socket->destroyed(m_socket);
        QObject::disconnect(m_socket, &QObject::destroyed, nullptr, nullptr);
    }
    if (m_socket->isTransactionStarted())
        m_socket->rollbackTransaction();
    char c = 0;
    while (m_socket->peek(&c, 1) == 1 && (c == '\r' || c == '\n'))
        m_socket->read(&c, 1);
    m_timer.start(m_limits.requestTimeoutMs); // the handshake deadline; markLongLived() stops it
    m_hooks.upgrade(m_socket, head);
}

void ConnectionGuard::dispatch(Request request, const Answer &answer)
{
    if (m_state == State::LongLived || m_state == State::Closing)
        return;
    m_answer = answer;
    nextRequest();
    if (m_held.isEmpty() && !m_answerPending && m_socket->bytesToWrite() <= kMaxUnsentBytes) {
        answer(request);
        rearm();
        return;
    }
    if (m_held.size() >= kMaxHeldRequests || m_heldBytes + request.body.size() > m_limits.maxBodyBytes) {
        qCInfo(lcHttp) << "client at" << m_socket->peerAddress().toString()
                       << "sends requests without reading the answers; disconnecting";
        m_held.clear();
        m_socket->abort();
        return;
    }
    m_heldBytes += request.body.size();
    m_held.append(std::move(request));
    rearm();
}

void ConnectionGuard::setAnswerPending(bool pending)
{
    m_answerPending = pending;
    if (!pending)
        answerHeld();
    rearm();
}

void ConnectionGuard::nextRequest()
{
    if (m_state == State::Receiving)
        m_state = State::AwaitingHead;
    m_head.clear();
    m_headDone = false;
}

void ConnectionGuard::answerHeld()
{
    while (!m_held.isEmpty() && !m_answerPending && m_state == State::AwaitingHead &&
           m_socket->state() == QAbstractSocket::ConnectedState && m_socket->bytesToWrite() <= kMaxUnsentBytes) {
        const Request request = m_held.takeFirst();
        m_heldBytes -= request.body.size();
        m_answer(request);
    }
}

void ConnectionGuard::rearm()
{
    if (m_state != State::AwaitingHead)
        return; // a request deadline, a lingering close, or a live connection: not ours to change
    // Output the client has not read must keep moving; otherwise this is an idle keep-alive.
    const bool waiting = m_socket->bytesToWrite() > 0 || !m_held.isEmpty() || m_answerPending;
    m_timer.start(waiting ? m_limits.requestTimeoutMs : m_limits.idleTimeoutMs);
}

void ConnectionGuard::onBytesWritten()
{
    if (m_state == State::Closing && m_socket->bytesToWrite() == 0 && !m_halfClosed) {
        // Lingering close: the answer is out, so end our side but keep draining what the client
        // still sends; closing outright would make the kernel reset the connection, and the
        // client would lose the 413 it has not read yet.
        m_halfClosed = true;
        ::shutdown(static_cast<int>(m_socket->socketDescriptor()), SHUT_WR);
        return;
    }
    if (!m_held.isEmpty() && m_socket->bytesToWrite() < kResumeBytes)
        answerHeld();
    rearm(); // progress: the write deadline starts again
}

void ConnectionGuard::onTimeout()
{
    if (m_state == State::Receiving) {
        qCInfo(lcHttp) << "request deadline passed; closing connection from" << m_socket->peerAddress().toString();
        reject(408, msg::requestTimeout);
        return;
    }
    // An idle keep-alive, a reader that never drains, a handshake never completed, or a
    // rejection that never flushed.
    m_socket->abort();
}

void ConnectionGuard::reject(int status, const QString &message, const HeaderList &extra)
{
    m_state = State::Closing;
    m_held.clear();
    // Stop QHttpServer from parsing this connection any further; this slot ran first.
    QObject::disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionGuard::drain);
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    drain();

    Response response(status, "application/json",
                      QJsonDocument(QJsonObject{{QStringLiteral("detail"), message}}).toJson(QJsonDocument::Compact));
    response.setHeader("Connection", "close");
    for (const auto &[name, value] : extra)
        response.addHeader(name, value);
    if (m_hooks.rejectHeaders) {
        for (const auto &[name, value] : m_hooks.rejectHeaders(m_origin))
            response.addHeader(name, value);
    }
    m_socket->write(serialize(response));
    qCInfo(lcHttp).noquote() << "rejected connection from" << m_socket->peerAddress().toString() << "with" << status;
    m_timer.start(kLingerMs); // then the connection is dropped, whatever the client still sends
}

void ConnectionGuard::drain()
{
    // Discarded as it arrives: memory stays flat however much the client sends.
    while (m_socket->bytesAvailable() > 0) {
        char sink[16384];
        m_socket->read(sink, sizeof sink);
    }
}

} // namespace tickets::server::http
