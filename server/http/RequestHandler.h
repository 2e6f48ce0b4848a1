#pragma once
// The two interfaces the transport knows, as qBittorrent's server knows only IRequestHandler:
// a RequestHandler answers requests (the policy and the controllers sit behind it), and a
// LiveSink takes the connections that stay open (WebSocket, event streams) into its own thread.

#include "http/Message.h"

#include <QObject>

class QTcpSocket;

namespace tickets::server::http {

class RequestHandler
{
public:
    virtual ~RequestHandler() = default;

    virtual Response handle(const Request &request) = 0;
    // A WebSocket upgrade request. A response with a `stream` grant lets the handshake go
    // ahead; any other response refuses it over HTTP, and the connection is then closed.
    virtual Response upgrade(const Request &request) = 0;
};

// Lives in the thread it serves connections from; the transport moves each connection there
// before calling it.
class LiveSink : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // A connection whose buffer starts with a WebSocket handshake RFC 6455 accepts (checked by
    // the transport, which never upgrades it itself); the sink completes the handshake.
    virtual void adoptWebSocket(QTcpSocket *socket, std::shared_ptr<const StreamGrant> grant) = 0;
    // The response head has been written already.
    virtual void adoptEventStream(QTcpSocket *socket, std::shared_ptr<const StreamGrant> grant) = 0;
};

} // namespace tickets::server::http
