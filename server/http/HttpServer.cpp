#include "http/HttpServer.h"

#include "app/Logging.h"
#include "auth/Authenticator.h"
#include "http/HttpError.h"
#include "http/ConnectionGuard.h"
#include "http/Request.h"
#include "live/LiveHub.h"
#include "storage/DatabaseErrors.h"

#include <QElapsedTimer>
#include <QHttpServerResponder>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QWebSocket>

namespace tickets::server {

namespace {

QByteArray requestIdFor(const QHttpServerRequest &request)
{
    // A caller's id is kept (so a trace crosses a proxy) when it is short and plain.
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    const QByteArray given = request.value("x-request-id");
    if (!given.isEmpty() && plain.match(QString::fromLatin1(given)).hasMatch())
        return given;
    return QByteArray::number(QRandomGenerator::global()->generate64(), 16).rightJustified(16, '0');
}

// The path and query for the access log, without secrets a client may put in a query.
QString loggablePath(const QHttpServerRequest &request)
{
    QUrlQuery query = request.query();
    for (const QString &secret : {QStringLiteral("access_token"), QStringLiteral("token"), QStringLiteral("password")}) {
        if (query.hasQueryItem(secret)) {
            query.removeAllQueryItems(secret);
            query.addQueryItem(secret, QStringLiteral("****"));
        }
    }
    const QString text = query.toString(QUrl::FullyEncoded);
    return request.url().path(QUrl::FullyEncoded) + (text.isEmpty() ? QString() : u'?' + text);
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

HttpServer::HttpServer(const Router &router, Authenticator &authenticator, const CorsPolicy &cors, bool accessLog,
                       LiveHub *hub, QObject *parent)
    : QAbstractHttpServer(parent), m_router(router), m_auth(authenticator), m_cors(cors), m_accessLog(accessLog), m_hub(hub)
{
    if (m_hub)
        connect(this, &QAbstractHttpServer::newWebSocketConnection, this, &HttpServer::adoptWebSockets);
}

QList<RouteInfo> HttpServer::liveRoutes()
{
    return {{"GET", QStringLiteral("/ws/eventos")}, {"GET", QStringLiteral("/eventos/stream")}};
}

bool HttpServer::handleLive(const QHttpServerRequest &request, QTcpSocket *socket, const QByteArray &requestId)
{
    const QString path = request.url().path();
    if (!m_hub || request.method() != QHttpServerRequest::Method::Get)
        return false;
    const bool webSocket = path == QLatin1String("/ws/eventos");
    if (webSocket && request.value("upgrade").toLower() != "websocket")
        return false; // the router answers a plain GET with 426
    if (!webSocket && path != QLatin1String("/eventos/stream"))
        return false;

    // A live client needs a token like any other (header, or ?access_token= for browsers).
    std::optional<Access> access;
    try {
        access = m_auth.liveAccessFor(request);
    } catch (const std::exception &error) {
        qCWarning(lcAuth).noquote() << "live client not authenticated:" << error.what();
    }

    if (webSocket) {
        // 6.4 upgrades every upgrade request a handler accepts, and a handler cannot refuse one
        // with an HTTP answer; a refused WebSocket is closed (1008) once upgraded, see
        // adoptWebSockets(). Writing nothing lets QtHttpServer complete the handshake.
        ConnectionGuard::markLongLived(socket);
        m_upgrading.append({QPointer<QTcpSocket>(socket), access});
        qCInfo(lcAccess).noquote() << (access ? "GET /ws/eventos 101 websocket rid=" : "GET /ws/eventos 101 refused rid=") +
                                          QString::fromLatin1(requestId);
        return true;
    }
    if (!access) {
        respond(request, socket, HttpError::unauthenticated().toResponse(), "GET", requestId, 0);
        return true;
    }
    // Server-sent events: resume after Last-Event-ID (EventSource sends it) or ?since=.
    qint64 lastEventId = request.value("last-event-id").toLongLong();
    if (lastEventId <= 0)
        lastEventId = request.query().queryItemValue(QStringLiteral("since")).toLongLong();
    QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                      "X-Accel-Buffering: no\r\nX-Request-ID: " + requestId + "\r\n";
    for (const auto &[name, value] : m_cors.responseHeaders(request.value("origin")))
        head += name + ": " + value + "\r\n";
    head += "\r\n";
    ConnectionGuard::markLongLived(socket);
    qCInfo(lcAccess).noquote() << "GET /eventos/stream 200 stream rid=" + QString::fromLatin1(requestId);
    // Once QtHttpServer is done with this request, the socket leaves it for the hub's thread.
    QPointer<QTcpSocket> guarded(socket);
    LiveHub *hub = m_hub;
    QMetaObject::invokeMethod(this, [guarded, hub, head, lastEventId, client = *access] {
        if (!guarded || guarded->state() != QAbstractSocket::ConnectedState)
            return;
        QTcpSocket *stream = guarded.data();
        QObject::disconnect(stream, &QTcpSocket::readyRead, nullptr, nullptr);
        QObject::disconnect(stream, &QTcpSocket::disconnected, nullptr, nullptr);
        stream->setParent(nullptr);
        stream->moveToThread(hub->thread());
        QMetaObject::invokeMethod(hub, [hub, stream, head, lastEventId, client] {
            hub->adoptEventStream(stream, head, lastEventId, client);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
    return true;
}

void HttpServer::adoptWebSockets()
{
    while (hasPendingWebSocketConnections()) {
        QWebSocket *webSocket = nextPendingWebSocketConnection().release();
        // The TCP socket still belongs to our QTcpServer; it must travel with its WebSocket.
        m_upgrading.removeIf([](const Upgrading &entry) { return entry.socket.isNull(); });
        std::optional<Access> access;
        for (qsizetype i = 0; i < m_upgrading.size(); ++i) {
            QTcpSocket *tcp = m_upgrading[i].socket.data();
            if (tcp->peerPort() == webSocket->peerPort() && tcp->peerAddress() == webSocket->peerAddress()) {
                tcp->setParent(webSocket);
                access = m_upgrading.takeAt(i).access;
                break;
            }
        }
        if (!access) {
            // No valid token: closed here, in the thread that owns its socket, once the
            // handshake code that emitted this signal is done with it.
            connect(webSocket, &QWebSocket::disconnected, webSocket, &QObject::deleteLater);
            QMetaObject::invokeMethod(webSocket, [webSocket] {
                webSocket->close(QWebSocketProtocol::CloseCodePolicyViolated, detail::notAuthenticated);
            }, Qt::QueuedConnection);
            continue;
        }
        webSocket->setParent(nullptr);
        // Moved once the handshake code that emitted this signal is done with the socket.
        QPointer<QWebSocket> guarded(webSocket);
        LiveHub *hub = m_hub;
        QMetaObject::invokeMethod(this, [guarded, hub, client = *access] {
            if (!guarded)
                return;
            QWebSocket *moving = guarded.data();
            moving->moveToThread(hub->thread());
            QMetaObject::invokeMethod(hub, [hub, moving, client] { hub->adoptWebSocket(moving, client); }, Qt::QueuedConnection);
        }, Qt::QueuedConnection);
    }
}

QHttpServerResponse HttpServer::dispatch(const QHttpServerRequest &request, const QByteArray &method,
                                         const QByteArray &requestId)
{
    const QByteArray origin = request.value("origin");
    if (CorsPolicy::isPreflight(method, origin, request.value("access-control-request-method"))) {
        const auto preflight = m_cors.preflight(origin, request.value("access-control-request-method"),
                                                request.value("access-control-request-headers"));
        QHttpServerResponse response = preflight.detail.isNull()
                                           ? QHttpServerResponse(QByteArrayLiteral("text/plain"), QByteArrayLiteral("OK"))
                                           : errorResponse(preflight.status, preflight.detail);
        for (const auto &[name, value] : preflight.headers)
            response.setHeader(name, value);
        if (!preflight.detail.isNull())
            qCInfo(lcCors).noquote() << "preflight refused for origin" << QString::fromUtf8(origin);
        return response;
    }

    const QString path = request.url().path();
    // HEAD is answered as GET without the body.
    Router::Match match = m_router.match(method == "HEAD" ? QByteArrayLiteral("GET") : method, path);
    if (!match.handler && match.allowedMethods.isEmpty() && path.size() > 1 && path.endsWith(u'/')) {
        // Starlette redirects a trailing slash to the route without it.
        QString target = path;
        while (target.size() > 1 && target.endsWith(u'/'))
            target.chop(1);
        if (!m_router.match("GET", target).allowedMethods.isEmpty()) {
            QHttpServerResponse redirect(QHttpServerResponse::StatusCode::TemporaryRedirect);
            const QString query = request.query().toString(QUrl::FullyEncoded);
            redirect.setHeader("Location", (target + (query.isEmpty() ? QString() : u'?' + query)).toUtf8());
            return redirect;
        }
    }
    if (!match.handler) {
        if (match.allowedMethods.isEmpty())
            return errorResponse(404, detail::notFound);
        QHttpServerResponse response = errorResponse(405, detail::methodNotAllowed);
        response.setHeader("Allow", match.allowedMethods.join(", "));
        return response;
    }

    Request context(request, match.paramNames, match.params, requestId);
    try {
        context.setAccess(m_auth.accessFor(request, match.access == RouteAccess::Public));
        return (*match.handler)(context);
    } catch (const HttpError &error) {
        return error.toResponse();
    } catch (const SqlError &error) {
        // Class 22 is a value PostgreSQL refused (encoding, range): the client's data, not our fault.
        if (error.sqlState().startsWith(QLatin1String("22"))) {
            qCWarning(lcDatabase).noquote() << "request" << requestId << "refused by PostgreSQL:" << error.message();
            return errorResponse(400, detail::datoNoValido);
        }
        qCCritical(lcDatabase).noquote() << "request" << requestId << "failed:" << error.message();
        return errorResponse(500, detail::internalError);
    } catch (const DatabaseUnavailable &error) {
        qCWarning(lcDatabase).noquote() << "request" << requestId << "answered 503:" << error.message();
        return HttpError::unavailable().toResponse();
    } catch (const std::exception &error) {
        qCCritical(lcHttp).noquote() << "request" << requestId << "failed:" << error.what();
        return errorResponse(500, detail::internalError);
    }
}

bool HttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QElapsedTimer timer;
    timer.start();
    const QByteArray method = methodName(request.method());
    const QByteArray requestId = requestIdFor(request);
    if (handleLive(request, socket, requestId))
        return true;
    respond(request, socket, dispatch(request, method, requestId), method, requestId, timer.nsecsElapsed());
    return true;
}

void HttpServer::respond(const QHttpServerRequest &request, QTcpSocket *socket, QHttpServerResponse response,
                         const QByteArray &method, const QByteArray &requestId, qint64 startedNs)
{
    QElapsedTimer timer;
    timer.start();
    for (const auto &[name, value] : m_cors.responseHeaders(request.value("origin"))) {
        if (!response.hasHeader(name))
            response.setHeader(name, value);
    }
    response.setHeader("X-Request-ID", requestId);
    const int status = static_cast<int>(response.statusCode());

    QHttpServerResponder responder = makeResponder(request, socket);
    if (method == "HEAD") {
        // 6.4 cannot list a response's headers, so HEAD copies the ones this server sets.
        static const QByteArray names[] = {"Content-Type", "Vary", "Access-Control-Allow-Origin",
                                           "Access-Control-Allow-Credentials", "Access-Control-Expose-Headers",
                                           "X-Request-ID", "X-Total-Count", "X-Total-Count-Capped", "Allow",
                                           "Location", "WWW-Authenticate", "Retry-After"};
        responder.writeStatusLine(response.statusCode());
        for (const QByteArray &name : names) {
            for (const QByteArray &value : response.headers(name))
                responder.writeHeader(name, value);
        }
        responder.writeHeader("Content-Length", QByteArray::number(response.data().size()));
        responder.writeBody(QByteArray());
    } else {
        response.write(std::move(responder));
    }

    if (m_accessLog) {
        qCInfo(lcAccess).noquote() << method << loggablePath(request) << status
                                   << QString::number((startedNs + timer.nsecsElapsed()) / 1e6, 'f', 2) + QStringLiteral(" ms")
                                   << QStringLiteral("rid=") + QString::fromLatin1(requestId);
    }
}

void HttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponse response = errorResponse(404, detail::notFound);
    for (const auto &[name, value] : m_cors.responseHeaders(request.value("origin")))
        response.setHeader(name, value);
    response.write(makeResponder(request, socket));
}

} // namespace tickets::server
