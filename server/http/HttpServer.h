#pragma once
// The transport of one worker thread and nothing else: turns QtHttpServer's requests into our
// own Request values, asks the RequestHandler, writes its Response (HEAD without the body, no
// header value that could split the response), and moves connections that stay open
// (WebSocket upgrades, event streams) to the LiveSink's thread.

#include "http/RequestHandler.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QPointer>

namespace tickets::server::http {

class HttpServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    // `sink` (may be null: no live connections) receives long-lived connections in its thread.
    explicit HttpServer(RequestHandler &handler, LiveSink *sink = nullptr, QObject *parent = nullptr);

    static Request requestFrom(const QHttpServerRequest &request);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    bool upgrade(const Request &request, QTcpSocket *socket);
    void handOverStream(QTcpSocket *socket, std::shared_ptr<const StreamGrant> grant);
    void adoptWebSockets();

    RequestHandler &m_handler;
    LiveSink *m_sink;
    struct Upgrading
    {
        QPointer<QTcpSocket> socket;
        std::shared_ptr<const StreamGrant> grant;
    };
    QList<Upgrading> m_upgrading; // sockets whose WebSocket handshake is under way
};

QByteArray methodName(QHttpServerRequest::Method method);

} // namespace tickets::server::http
