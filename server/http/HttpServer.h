#pragma once
// The transport of one worker thread and nothing else: turns QtHttpServer's requests into our
// own Request values, lets each connection's ConnectionGuard pace them, asks the
// RequestHandler, writes its Response (HEAD without the body, no header value that could split
// the response), and moves connections that stay open (WebSocket handshakes, event streams) to
// the LiveSink's thread. QtHttpServer's own WebSocket upgrade is never used: it hands a socket
// to QWebSocketServer with two queued handshake calls, the second of which runs after the
// socket has moved on (a use-after-free and a second upgrade from frame bytes).

#include "http/RequestHandler.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>

namespace tickets::server::http {

class GuardedTcpServer;
struct RequestHead;

class HttpServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    // `sink` (may be null: no live connections) receives long-lived connections in its thread.
    explicit HttpServer(RequestHandler &handler, LiveSink *sink = nullptr, QObject *parent = nullptr);

    // Serves the connections of `tcp` (and takes it, as bind() does).
    void listenOn(GuardedTcpServer *tcp);

    static Request requestFrom(const QHttpServerRequest &request);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void answer(QTcpSocket *socket, const Request &request);
    void upgrade(QTcpSocket *socket, const RequestHead &head);
    // Once QtHttpServer is done with the current request, `socket` leaves for the sink's thread.
    void handOver(QTcpSocket *socket, std::shared_ptr<const StreamGrant> grant, bool webSocket);

    RequestHandler &m_handler;
    LiveSink *m_sink;
};

QByteArray methodName(QHttpServerRequest::Method method);

} // namespace tickets::server::http
