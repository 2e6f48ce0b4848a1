#pragma once
// The HTTP front of one worker thread: dispatches every request through the Router and gives
// every answer the same treatment (CORS, X-Request-ID, JSON errors, one access-log line).

#include "auth/Access.h"
#include "http/CorsPolicy.h"
#include "http/Router.h"

#include <QAbstractHttpServer>
#include <QPointer>
#include <QHttpServerRequest>

namespace tickets::server {

class Authenticator;
class LiveHub;

class HttpServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    // `hub` (may be null) receives the live-event connections, in its own thread.
    HttpServer(const Router &router, Authenticator &authenticator, const CorsPolicy &cors, bool accessLog,
               LiveHub *hub = nullptr, QObject *parent = nullptr);

    // Served here rather than by the Router: they become long-lived connections.
    static QList<RouteInfo> liveRoutes();

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    QHttpServerResponse dispatch(const QHttpServerRequest &request, const QByteArray &method,
                                 const QByteArray &requestId);
    bool handleLive(const QHttpServerRequest &request, QTcpSocket *socket, const QByteArray &requestId);
    void adoptWebSockets();
    // Finishes a response the same way for every route: CORS, X-Request-ID, HEAD, access log.
    void respond(const QHttpServerRequest &request, QTcpSocket *socket, QHttpServerResponse response,
                 const QByteArray &method, const QByteArray &requestId, qint64 startedNs);

    const Router &m_router;
    Authenticator &m_auth;
    const CorsPolicy &m_cors;
    bool m_accessLog;
    LiveHub *m_hub;
    struct Upgrading
    {
        QPointer<QTcpSocket> socket;
        std::optional<Access> access; // none: refused (no valid token)
    };
    QList<Upgrading> m_upgrading; // sockets whose WebSocket handshake is under way
};

QByteArray methodName(QHttpServerRequest::Method method);

} // namespace tickets::server
