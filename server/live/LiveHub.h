#pragma once
// Live events for clients: every message of canal:batch:eventos, unchanged, to every WebSocket
// of /ws/eventos and every text/event-stream of /eventos/stream. Runs in its own thread so
// long-lived connections never cost the REST loops poll time. SSE clients resume with
// Last-Event-ID (replayed from the outbox); idle clients are pinged; a client that does not
// read is dropped before it can grow the server's memory. Each client gets only the events
// its Access may see (EventAudience), and is closed once its session ends (logout, expiry,
// password change, deactivation).
//
// Presence: a staff WebSocket may say which tickets it is viewing or writing on (at most 1 KiB
// a message, a token bucket of 5 and 2 a second, 20 tickets); the state lives in Redis
// (PresenceStore) and changes go to every instance's staff clients over canal:presencia, never
// through the outbox. A presence ends 45 s (TICKETS_PRESENCE_TTL_S) after its last message,
// and all of a socket's end when it closes.

#include "auth/Access.h"
#include "auth/EventAudience.h"
#include "config/Config.h"
#include "http/RequestHandler.h"

#include <QHash>
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
class PresenceStore;
class RedisClient;

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

    // Presence (see above).
    struct Speaker
    {
        QByteArray conexion; // this socket's name in Redis, unique across instances
        double tokens = 0;   // the rate limit's bucket
        double strikes = 0;  // messages over the limit, leaking; too many closes the socket
        qint64 refilledMs = 0;
        QHash<QUuid, qint64> tickets; // where it is present: the time of its last message
        QUuid usuarioId;              // who, as last shared
        QString nombre;
    };
    void onClientMessage(QWebSocket *socket, const QByteArray &message);
    bool withinRate(Speaker &speaker);
    void setPresence(const Access &access, Speaker &speaker, const QUuid &ticketId, const QString &estado);
    void endPresences(const QWebSocket *socket);
    void sweepPresences();
    void deliverPresence(const QByteArray &payload);
    void publishPresence(const QByteArray &payload);

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
    QHash<const QWebSocket *, Speaker> m_speakers; // every WebSocket client's presence state
    std::unique_ptr<RedisClient> m_redis;          // presence, in this thread
    std::unique_ptr<PresenceStore> m_presence;
    ChannelSubscriber *m_presenceSubscriber = nullptr;
    // Completes handshakes in this thread, one at a time (adoptWebSocket).
    QWebSocketServer *m_handshakes = nullptr;
    QTimer m_ping;
    QTimer m_revalidate;
    QTimer m_presenceSweep;
};

// "id: <seq>\nevent: <evento>\ndata: <payload>\n\n"
QByteArray sseFrame(const QByteArray &payload);

} // namespace tickets::server
