#include "http/HttpServer.h"

#include "http/ConnectionGuard.h"
#include "http/Logging.h"

#include <QHttpServerRequest>
#include <QTcpSocket>
#include <QWebSocket>

namespace tickets::server::http {

namespace {
// Set on a socket whose refusal has been written, so missingHandler() adds nothing.
const char *const kAnswered = "tickets_answered";

void writeTo(QTcpSocket *socket, const Response &response, bool head)
{
    if (socket->state() == QAbstractSocket::ConnectedState)
        socket->write(serialize(response, head));
}
} // namespace

QByteArray methodName(QHttpServerRequest::Method method)
{
    using M = QHttpServerRequest::Method;
    switch (method) {
    case M::Get: return "GET";
    case M::Put: return "PUT";
    case M::Delete: return "DELETE";
    case M::Post: return "POST";
    case M::Head: return "HEAD";
    case M::Options: return "OPTIONS";
    case M::Patch: return "PATCH";
    case M::Connect: return "CONNECT";
    case M::Trace: return "TRACE";
    default: return "UNKNOWN";
    }
}

HttpServer::HttpServer(RequestHandler &handler, LiveSink *sink, QObject *parent)
    : QAbstractHttpServer(parent), m_handler(handler), m_sink(sink)
{
    if (m_sink)
        connect(this, &QAbstractHttpServer::newWebSocketConnection, this, &HttpServer::adoptWebSockets);
}

Request HttpServer::requestFrom(const QHttpServerRequest &raw)
{
    Request request;
    request.method = methodName(raw.method());
    request.path = raw.url().path();
    request.encodedPath = raw.url().path(QUrl::FullyEncoded).toLatin1();
    request.query = raw.query();
    const auto headers = raw.headers();
    request.headers.reserve(headers.size());
    for (const auto &[name, value] : headers)
        request.headers.append({name.toLower(), value});
    request.body = raw.body();
    request.peer = raw.remoteAddress();
    return request;
}

bool HttpServer::handleRequest(const QHttpServerRequest &raw, QTcpSocket *socket)
{
    const Request request = requestFrom(raw);
    // QtHttpServer upgrades exactly these requests when this returns true.
    if (request.asksForWebSocket())
        return upgrade(request, socket);
    Response response = m_handler.handle(request);
    writeTo(socket, response, request.method == "HEAD");
    if (response.stream)
        handOverStream(socket, std::move(response.stream));
    return true;
}

bool HttpServer::upgrade(const Request &request, QTcpSocket *socket)
{
    Response answer = m_sink ? m_handler.upgrade(request) : Response(404, {}, {});
    if (!answer.stream) {
        // Refused over HTTP; returning false makes QtHttpServer close the connection.
        writeTo(socket, answer, false);
        socket->setProperty(kAnswered, true);
        return false;
    }
    m_upgrading.removeIf([](const Upgrading &entry) { return entry.socket.isNull(); });
    m_upgrading.append({QPointer<QTcpSocket>(socket), std::move(answer.stream)});
    return true; // QtHttpServer completes the handshake, then emits newWebSocketConnection
}

void HttpServer::handOverStream(QTcpSocket *socket, std::shared_ptr<const StreamGrant> grant)
{
    ConnectionGuard::markLongLived(socket);
    // Once QtHttpServer is done with this request, the socket leaves it for the sink's thread.
    QPointer<QTcpSocket> guarded(socket);
    QPointer<LiveSink> sink(m_sink);
    QMetaObject::invokeMethod(
        this,
        [guarded, sink, grant] {
            if (!guarded || !sink || guarded->state() != QAbstractSocket::ConnectedState)
                return;
            QTcpSocket *stream = guarded.data();
            QObject::disconnect(stream, &QTcpSocket::readyRead, nullptr, nullptr);
            QObject::disconnect(stream, &QTcpSocket::disconnected, nullptr, nullptr);
            stream->setParent(nullptr);
            stream->moveToThread(sink->thread());
            QMetaObject::invokeMethod(
                sink, [sink, stream, grant] { sink->adoptEventStream(stream, grant); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void HttpServer::adoptWebSockets()
{
    while (hasPendingWebSocketConnections()) {
        QWebSocket *webSocket = nextPendingWebSocketConnection().release();
        // The TCP socket still belongs to our QTcpServer; it must travel with its WebSocket.
        m_upgrading.removeIf([](const Upgrading &entry) { return entry.socket.isNull(); });
        std::shared_ptr<const StreamGrant> grant;
        for (qsizetype i = 0; i < m_upgrading.size(); ++i) {
            QTcpSocket *tcp = m_upgrading[i].socket.data();
            if (tcp->peerPort() == webSocket->peerPort() && tcp->peerAddress() == webSocket->peerAddress()) {
                ConnectionGuard::markLongLived(tcp);
                tcp->setParent(webSocket);
                grant = m_upgrading.takeAt(i).grant;
                break;
            }
        }
        if (!grant) {
            qCWarning(lcHttp) << "a WebSocket arrived whose upgrade request is unknown; closing it";
            connect(webSocket, &QWebSocket::disconnected, webSocket, &QObject::deleteLater);
            QMetaObject::invokeMethod(
                webSocket, [webSocket] { webSocket->abort(); }, Qt::QueuedConnection);
            continue;
        }
        webSocket->setParent(nullptr);
        // Moved once the handshake code that emitted this signal is done with the socket.
        QPointer<QWebSocket> guarded(webSocket);
        QPointer<LiveSink> sink(m_sink);
        QMetaObject::invokeMethod(
            this,
            [guarded, sink, grant] {
                if (!guarded)
                    return;
                QWebSocket *moving = guarded.data();
                if (!sink) {
                    moving->deleteLater();
                    return;
                }
                moving->moveToThread(sink->thread());
                QMetaObject::invokeMethod(
                    sink, [sink, moving, grant] { sink->adoptWebSocket(moving, grant); }, Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }
}

void HttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (socket->property(kAnswered).toBool())
        return;
    // Not reached for ordinary requests (handleRequest answers them all); kept for safety.
    writeTo(socket, m_handler.handle(requestFrom(request)), false);
}

} // namespace tickets::server::http
