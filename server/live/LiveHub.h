#pragma once
// Live events for clients: every message of canal:batch:eventos, unchanged, to every WebSocket
// of /ws/eventos and every text/event-stream of /eventos/stream. Runs in its own thread so
// long-lived connections never cost the REST loops poll time. SSE clients resume with
// Last-Event-ID (replayed from the outbox); idle clients are pinged; a client that does not
// read is dropped before it can grow the server's memory. Each client gets only the events
// its Access may see (EventAudience), and is closed once its session ends (logout, expiry,
// password change, deactivation).

#include "auth/Access.h"
#include "auth/EventAudience.h"
#include "config/Config.h"
#include "http/RequestHandler.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <atomic>
#include <memory>

class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace tickets::server {

class Database;
class OutboxRepository;
class SessionRepository;
class TicketRepository;
class UsuarioRepository;
class ChannelSubscriber;

class LiveHub : public http::LiveSink
{
    Q_OBJECT
public:
    LiveHub(const Config &config, std::atomic<int> &clients, QObject *parent = nullptr);
    ~LiveHub() override;

    // Called in the hub's thread, once the connection has been moved there; the grant is a
    // LiveGrant (api/LiveGrant.h).
    void adoptWebSocket(QTcpSocket *socket, std::shared_ptr<const http::StreamGrant> grant) override;
    void adoptEventStream(QTcpSocket *socket, std::shared_ptr<const http::StreamGrant> grant) override;

public Q_SLOTS:
    void start();

private:
    void adoptClient(QWebSocket *socket, QTcpSocket *tcp, const std::shared_ptr<const http::StreamGrant> &grant);
    void broadcast(const QByteArray &payload);
    void ping();
    void count();
    void closeEndedSessions();
    // A user changed (usuario_actualizado): their clients get their new role's view at once,
    // or are closed when the user is inactive. Every instance hears the event.
    void rescope(const QUuid &usuarioId);

    const Config &m_config;
    std::atomic<int> &m_clients;
    ChannelSubscriber *m_subscriber = nullptr;
    std::unique_ptr<Database> m_db; // for Last-Event-ID replays
    std::unique_ptr<OutboxRepository> m_outbox;
    std::unique_ptr<TicketRepository> m_tickets;   // ticket owners, for the audience
    std::unique_ptr<SessionRepository> m_sessions; // to close clients whose session ended
    std::unique_ptr<UsuarioRepository> m_usuarios; // the current role of a changed user
    std::unique_ptr<EventAudience> m_audience;
    template <typename Socket> struct Client
    {
        QPointer<Socket> socket;
        Access access;
    };
    QList<Client<QWebSocket>> m_webSockets;
    QList<Client<QTcpSocket>> m_streams;
    // Completes handshakes in this thread, one at a time (adoptWebSocket).
    QWebSocketServer *m_handshakes = nullptr;
    QTimer m_ping;
    QTimer m_revalidate;
};

// "id: <seq>\nevent: <evento>\ndata: <payload>\n\n"
QByteArray sseFrame(const QByteArray &payload);

} // namespace tickets::server
