#pragma once
// The HTTP front of one worker thread: dispatches every request through the Router and gives
// every answer the same treatment (CORS, X-Request-ID, JSON errors, one access-log line).

#include "http/CorsPolicy.h"
#include "http/Router.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>

namespace tickets::server {

class HttpServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    HttpServer(const Router &router, const CorsPolicy &cors, bool accessLog, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    QHttpServerResponse dispatch(const QHttpServerRequest &request, const QByteArray &method,
                                 const QByteArray &requestId);

    const Router &m_router;
    const CorsPolicy &m_cors;
    bool m_accessLog;
};

QByteArray methodName(QHttpServerRequest::Method method);

} // namespace tickets::server
