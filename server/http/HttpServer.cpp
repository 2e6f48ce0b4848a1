#include "http/HttpServer.h"

#include "http/ConnectionGuard.h"
#include "http/GuardedTcpServer.h"
#include "http/Logging.h"

#include <QHttpServerRequest>
#include <QPointer>
#include <QTcpSocket>

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
{}

void HttpServer::listenOn(GuardedTcpServer *tcp)
{
    tcp->setUpgradeHandler([this](QTcpSocket *socket, const RequestHead &head) { upgrade(socket, head); });
    bind(tcp);
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
    Request request = requestFrom(raw);
    if (request.asksForWebSocket()) {
        // Only without a ConnectionGuard (which takes every handshake first). Returning false
        // keeps QtHttpServer's upgrade code away; it then closes the connection.
        writeTo(socket, Response(426, {}, {}), false);
        socket->setProperty(kAnswered, true);
        return false;
    }
    auto *guard = ConnectionGuard::of(socket);
    if (!guard) {
        answer(socket, request);
        return true;
    }
    guard->dispatch(std::move(request), [this, socket](const Request &held) { answer(socket, held); });
    return true;
}

void HttpServer::answer(QTcpSocket *socket, const Request &request)
{
    Response response = m_handler.handle(request);
    // QtHttpServer 6.4 keeps every connection open; a client that asks otherwise is obeyed.
    const bool close = !response.stream && request.header("connection").toLower().contains("close");
    if (close)
        response.setHeader("Connection", "close");
    writeTo(socket, response, request.method == "HEAD");
    if (close)
        socket->disconnectFromHost();
    if (response.stream) {
        ConnectionGuard::markLongLived(socket);
        handOver(socket, std::move(response.stream), false);
    }
}

void HttpServer::upgrade(QTcpSocket *socket, const RequestHead &head)
{
    // QtHttpServer's clean-up slot is gone (ConnectionGuard::handOver): this one replaces it.
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    Request request = head.toRequest();
    request.peer = socket->peerAddress();
    Response answer = m_sink ? m_handler.upgrade(request) : Response(404, {}, {});
    if (!answer.stream) {
        answer.setHeader("Connection", "close");
        writeTo(socket, answer, false);
        socket->disconnectFromHost();
        return;
    }
    handOver(socket, std::move(answer.stream), true);
}

void HttpServer::handOver(QTcpSocket *socket, std::shared_ptr<const StreamGrant> grant, bool webSocket)
{
    QPointer<QTcpSocket> guarded(socket);
    QPointer<LiveSink> sink(m_sink);
    QMetaObject::invokeMethod(
        this,
        [guarded, sink, grant, webSocket] {
            if (!guarded || !sink || guarded->state() != QAbstractSocket::ConnectedState)
                return; // gone already: its disconnected() slot deletes it
            QTcpSocket *socket = guarded.data();
            QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
            QObject::disconnect(socket, &QTcpSocket::disconnected, nullptr, nullptr);
            socket->setParent(nullptr);
            socket->moveToThread(sink->thread());
            QMetaObject::invokeMethod(
                sink,
                [sink, socket, grant, webSocket] {
                    if (webSocket)
                        sink->adoptWebSocket(socket, grant);
                    else
                        sink->adoptEventStream(socket, grant);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void HttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (socket->property(kAnswered).toBool())
        return;
    // Not reached for ordinary requests (handleRequest answers them all); kept for safety.
    writeTo(socket, m_handler.handle(requestFrom(request)), false);
}

} // namespace tickets::server::http
