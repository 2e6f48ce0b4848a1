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

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const HttpLimits &limits, const RejectHeaders &rejectHeaders,
                                 std::atomic<int> &liveConnections)
    : QObject(socket), m_socket(socket), m_limits(limits), m_rejectHeaders(rejectHeaders), m_live(liveConnections),
      m_timer(this)
{
    ++m_live;
    m_timer.setSingleShot(true);
    // Connected before QHttpServer connects its own slot, so this one runs first on every read.
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::onReadyRead);
    connect(socket, &QTcpSocket::bytesWritten, this, &ConnectionGuard::onBytesWritten);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionGuard::onTimeout);
    m_timer.start(m_limits.idleTimeoutMs);
    qCDebug(lcHttp) << "connection from" << socket->peerAddress().toString() << "opened;" << m_live.load() << "live";
}

ConnectionGuard::~ConnectionGuard()
{
    --m_live;
    qCDebug(lcHttp) << "connection closed;" << m_live.load() << "live";
}

void ConnectionGuard::markLongLived(QTcpSocket *socket)
{
    socket->setProperty(kLongLived, true);
    if (auto *guard = socket->findChild<ConnectionGuard *>(QString(), Qt::FindDirectChildrenOnly))
        guard->m_timer.stop();
}

void ConnectionGuard::onReadyRead()
{
    if (m_state == State::Closing) {
        drain();
        return;
    }
    if (m_socket->property(kLongLived).toBool()) {
        m_timer.stop();
        return;
    }
    if (!m_socket->isTransactionStarted() && m_state == State::Idle) {
        // The first bytes of a new request: its deadline starts now.
        m_state = State::Receiving;
        m_head.clear();
        m_headerBytes = -1;
        m_requestBytes = 0;
        m_chunked = false;
        m_origin.clear();
        m_timer.start(m_limits.requestTimeoutMs);
    }
    const qint64 available = m_socket->bytesAvailable();
    m_requestBytes += available;
    if (m_headerBytes < 0 && !inspectHead())
        return;
    if (m_chunked && m_headerBytes >= 0 && m_requestBytes - m_headerBytes > m_limits.maxBodyBytes + 64 * 1024)
        reject(413, msg::bodyTooLarge.arg(m_limits.maxBodyBytes));
}

bool ConnectionGuard::inspectHead()
{
    const qint64 room = m_limits.maxHeaderBytes + 4 - m_head.size();
    if (room > 0)
        m_head += m_socket->peek(room);
    qsizetype end = m_head.indexOf("\r\n\r\n");
    qsizetype terminator = 4;
    if (end < 0) {
        end = m_head.indexOf("\n\n");
        terminator = 2;
    }
    if (end < 0) {
        if (m_head.size() > m_limits.maxHeaderBytes) {
            reject(431, msg::headersTooLarge);
            return false;
        }
        return true;
    }
    m_headerBytes = end + terminator;
    qint64 contentLength = -1;
    bool expectContinue = false;
    const QList<QByteArray> lines = m_head.left(end).split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            // A second, different Content-Length is a request-smuggling attempt.
            if (!ok || length < 0 || (contentLength >= 0 && contentLength != length)) {
                reject(400, msg::badRequest);
                return false;
            }
            contentLength = length;
        } else if (name == "transfer-encoding") {
            m_chunked = value.toLower().contains("chunked");
        } else if (name == "origin") {
            m_origin = value;
        } else if (name == "expect") {
            expectContinue = value.toLower() == "100-continue";
        }
    }
    if (contentLength > m_limits.maxBodyBytes) {
        reject(413, msg::bodyTooLarge.arg(m_limits.maxBodyBytes));
        return false;
    }
    if (expectContinue)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    return true;
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
    if (m_state == State::Receiving && m_socket->bytesToWrite() == 0 && !m_socket->isTransactionStarted() &&
        m_headerBytes >= 0) {
        m_state = State::Idle;
        m_timer.start(m_limits.idleTimeoutMs);
    }
}

void ConnectionGuard::onTimeout()
{
    if (m_socket->property(kLongLived).toBool())
        return;
    if (m_state == State::Receiving && m_headerBytes < 0 && !m_head.isEmpty()) {
        qCInfo(lcHttp) << "request deadline passed; closing connection from" << m_socket->peerAddress().toString();
        reject(408, msg::requestTimeout);
        return;
    }
    m_socket->abort(); // idle keep-alive, a reader that never drains, or a reject that never flushed
}

void ConnectionGuard::reject(int status, const QString &message)
{
    m_state = State::Closing;
    // Stop QHttpServer from parsing this connection any further; this slot ran first.
    QObject::disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionGuard::drain);
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    drain();

    Response response(status, "application/json",
                      QJsonDocument(QJsonObject{{QStringLiteral("detail"), message}}).toJson(QJsonDocument::Compact));
    response.setHeader("Connection", "close");
    if (m_rejectHeaders) {
        for (const auto &[name, value] : m_rejectHeaders(m_origin))
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
