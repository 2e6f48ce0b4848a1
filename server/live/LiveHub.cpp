#include "live/LiveHub.h"

#include "api/LiveGrant.h"
#include "events/Events.h"
#include "http/ConnectionGuard.h"
#include "live/ChannelSubscriber.h"
#include "live/Logging.h"
#include "protocol/Messages.h"
#include "storage/Database.h"
#include "storage/OutboxRepository.h"
#include "storage/SessionRepository.h"
#include "storage/TicketRepository.h"
#include "storage/UsuarioRepository.h"

#include <QCoreApplication>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>

namespace tickets::server {

namespace {
constexpr int kPingMs = 15000;
constexpr qint64 kMaxUnsentBytes = 1024 * 1024; // a client further behind than this is dropped
constexpr int kReplayLimit = 1000;
// What a client may send: control frames and, at most, small text messages (nothing else is
// read from clients); anything bigger closes it (1009).
constexpr quint64 kMaxIncomingBytes = 4096;
} // namespace

QByteArray sseFrame(const QByteArray &payload)
{
    const auto event = events::Event::fromJson(payload);
    QByteArray frame;
    if (event) {
        frame += "id: " + QByteArray::number(event->seq) + "\nevent: " + event->evento.toUtf8() + '\n';
    }
    return frame + "data: " + payload + "\n\n";
}

LiveHub::LiveHub(const Config &config, std::atomic<int> &clients, QObject *parent)
    : http::LiveSink(parent), m_config(config), m_clients(clients), m_ping(this), m_revalidate(this)
{}

LiveHub::~LiveHub()
{
    for (const auto &client : std::as_const(m_webSockets))
        delete client.socket.data();
    for (const auto &client : std::as_const(m_streams))
        delete client.socket.data();
}

void LiveHub::start()
{
    m_db = std::make_unique<Database>(m_config.database, QStringLiteral("live"));
    m_outbox = std::make_unique<OutboxRepository>(*m_db, nullptr); // replays only
    m_tickets = std::make_unique<TicketRepository>(*m_db, *m_outbox, m_config.sla);
    m_audience = std::make_unique<EventAudience>([this](const QUuid &ticketId) -> std::optional<QUuid> {
        try {
            return m_tickets->ownerOf(ticketId);
        } catch (const std::exception &error) {
            qCWarning(lcLive) << "ticket owner lookup failed:" << error.what();
            return std::nullopt; // not delivered to non-staff: when unsure, say less
        }
    });
    m_handshakes = new QWebSocketServer(QStringLiteral("tickets-server"), QWebSocketServer::NonSecureMode, this);
    m_subscriber = ChannelSubscriber::create(m_config.redis, events::kChannel, this);
    connect(m_subscriber, &ChannelSubscriber::message, this, &LiveHub::broadcast);
    m_subscriber->start();
    connect(&m_ping, &QTimer::timeout, this, &LiveHub::ping);
    m_ping.start(kPingMs);
    m_sessions = std::make_unique<SessionRepository>(*m_db);
    m_usuarios = std::make_unique<UsuarioRepository>(*m_db, *m_outbox);
    if (m_config.auth.required) {
        connect(&m_revalidate, &QTimer::timeout, this, &LiveHub::closeEndedSessions);
        m_revalidate.start(m_config.auth.liveRevalidateMs);
    }
}

void LiveHub::count()
{
    m_webSockets.removeIf([](const auto &client) { return client.socket.isNull(); });
    m_streams.removeIf([](const auto &client) { return client.socket.isNull(); });
    m_clients.store(static_cast<int>(m_webSockets.size() + m_streams.size()));
}

void LiveHub::adoptWebSocket(QTcpSocket *socket, std::shared_ptr<const http::StreamGrant> grant)
{
    if (socket->state() != QAbstractSocket::ConnectedState) {
        socket->deleteLater();
        return;
    }
    // The handshake runs now, in this thread, to the end: QWebSocketServer queues its
    // handshake call, and dispatching it at once leaves no second call behind (one that
    // could run after the socket is gone) and no time for frame bytes to be read as a head.
    bool adopted = false;
    const auto connection = connect(m_handshakes, &QWebSocketServer::newConnection, this, [&] {
        while (QWebSocket *webSocket = m_handshakes->nextPendingConnection()) {
            adopted = true;
            adoptClient(webSocket, socket, grant);
        }
    });
    m_handshakes->handleConnection(socket);
    QCoreApplication::sendPostedEvents(m_handshakes, QEvent::MetaCall);
    disconnect(connection);
    if (!adopted)
        qCInfo(lcLive) << "a WebSocket handshake failed; the connection is closed";
}

void LiveHub::adoptClient(QWebSocket *socket, QTcpSocket *tcp, const std::shared_ptr<const http::StreamGrant> &grant)
{
    // The TCP socket (and its ConnectionGuard, which counts it) lives and dies with its WebSocket.
    tcp->setParent(socket);
    http::ConnectionGuard::markLongLived(tcp);
    socket->setMaxAllowedIncomingFrameSize(kMaxIncomingBytes);
    socket->setMaxAllowedIncomingMessageSize(kMaxIncomingBytes);
    const auto *live = dynamic_cast<const LiveGrant *>(grant.get());
    connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
    if (!live || !live->access) {
        // No valid token: browsers cannot read an HTTP refusal of a WebSocket, so the
        // handshake went ahead and the socket is closed at once, with the reason.
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, protocol::msg::notAuthenticated);
        return;
    }
    m_webSockets.append({socket, *live->access});
    // From here on every event reaches this client: it may now catch up on what came before.
    socket->sendTextMessage(QString::fromUtf8(events::Event::conectado().toJson()));
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        m_webSockets.removeIf([socket](const auto &client) { return client.socket == socket; });
        count();
    });
    count();
}

void LiveHub::adoptEventStream(QTcpSocket *socket, std::shared_ptr<const http::StreamGrant> grant)
{
    const auto *live = dynamic_cast<const LiveGrant *>(grant.get());
    if (!live || !live->access) {
        socket->deleteLater(); // never happens: the route needs a token
        return;
    }
    if (socket->state() != QAbstractSocket::ConnectedState) {
        socket->deleteLater();
        return;
    }
    const Access &access = *live->access;
    socket->write(": conectado\n\n");
    if (live->resumeAfter > 0) {
        try {
            for (const QByteArray &payload : m_outbox->eventsSince(live->resumeAfter, kReplayLimit)) {
                if (m_audience->reaches(access, payload))
                    socket->write(sseFrame(payload));
            }
        } catch (const std::exception &error) {
            qCWarning(lcLive) << "event stream replay failed:" << error.what();
        }
    }
    m_streams.append({socket, access});
    connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->readAll(); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        socket->deleteLater();
        m_streams.removeIf([socket](const auto &client) { return client.socket == socket; });
        count();
    });
    count();
}

namespace {
// Sends to every client of one kind that may see the event, dropping those too far behind to
// be worth waiting for.
template <typename Client, typename Send>
void sendToAll(const QList<Client> &clients, const char *kind, EventAudience &audience, const QByteArray &payload,
               Send send)
{
    for (const Client &client : clients) {
        const auto &socket = client.socket;
        if (!socket || !audience.reaches(client.access, payload))
            continue;
        if (socket->bytesToWrite() > kMaxUnsentBytes) {
            qCInfo(lcLive) << "dropping" << kind << "client that does not read";
            socket->abort();
            continue;
        }
        send(socket.data());
    }
}
} // namespace

void LiveHub::broadcast(const QByteArray &payload)
{
    if (const auto event = events::Event::fromJson(payload);
        event && event->evento == events::evento::usuarioActualizado) {
        rescope(QUuid::fromString(event->field(QStringLiteral("usuario_id")).toString()));
    }
    const QString text = QString::fromUtf8(payload);
    sendToAll(m_webSockets, "a WebSocket", *m_audience, payload,
              [&](QWebSocket *socket) { socket->sendTextMessage(text); });
    const QByteArray frame = sseFrame(payload);
    sendToAll(m_streams, "an event-stream", *m_audience, payload, [&](QTcpSocket *socket) { socket->write(frame); });
}

namespace {
// What a live client of `caller` may see now: its role as PostgreSQL says, or nothing (closed)
// when the user is gone or inactive.
template <typename Client, typename Close>
void rescopeClients(QList<Client> &clients, const QUuid &id, const std::optional<Usuario> &now, Close close)
{
    QList<decltype(Client::socket)> ended;
    for (Client &client : clients) {
        if (!client.socket || client.access.isOpen() || client.access.callerId() != id)
            continue;
        if (now && now->activo)
            client.access = Access::of(*now, client.access.tokenHash());
        else
            ended.append(client.socket);
    }
    for (const auto &socket : std::as_const(ended)) {
        if (socket)
            close(socket.data());
    }
}
} // namespace

void LiveHub::rescope(const QUuid &usuarioId)
{
    const auto hasCaller = [&](const auto &client) {
        return client.socket && !client.access.isOpen() && client.access.callerId() == usuarioId;
    };
    if (usuarioId.isNull() || (std::none_of(m_webSockets.cbegin(), m_webSockets.cend(), hasCaller) &&
                               std::none_of(m_streams.cbegin(), m_streams.cend(), hasCaller)))
        return;
    std::optional<Usuario> now;
    try {
        now = m_usuarios->find(usuarioId);
    } catch (const std::exception &error) {
        // When unsure, say less: the clients reconnect and are checked afresh.
        qCWarning(lcLive) << "a changed user's live clients are closed; lookup failed:" << error.what();
    }
    qCInfo(lcLive) << "live clients of a changed user" << (now && now->activo ? "re-scoped" : "closed");
    rescopeClients(m_webSockets, usuarioId, now, [](QWebSocket *socket) {
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("Sesión terminada"));
    });
    rescopeClients(m_streams, usuarioId, now, [](QTcpSocket *socket) { socket->disconnectFromHost(); });
}

void LiveHub::closeEndedSessions()
{
    count();
    const auto hasSession = [](const auto &client) { return !client.access.tokenHash().isEmpty(); };
    if (std::none_of(m_webSockets.cbegin(), m_webSockets.cend(), hasSession) &&
        std::none_of(m_streams.cbegin(), m_streams.cend(), hasSession))
        return;
    QSet<QByteArray> live;
    try {
        live = m_sessions->liveHashes();
    } catch (const std::exception &error) {
        qCWarning(lcLive) << "live sessions not checked:" << error.what();
        return; // PostgreSQL is away: keep everyone rather than drop everyone
    }
    const auto ended = [&](const auto &client) {
        return client.socket && !client.access.isOpen() && !live.contains(client.access.tokenHash());
    };
    // Collected first: closing may remove a client from the lists at once (disconnected).
    QList<QPointer<QWebSocket>> webSockets;
    QList<QPointer<QTcpSocket>> streams;
    for (const auto &client : std::as_const(m_webSockets)) {
        if (ended(client))
            webSockets.append(client.socket);
    }
    for (const auto &client : std::as_const(m_streams)) {
        if (ended(client))
            streams.append(client.socket);
    }
    for (const QPointer<QWebSocket> &socket : std::as_const(webSockets)) {
        if (socket)
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("Sesión terminada"));
    }
    for (const QPointer<QTcpSocket> &socket : std::as_const(streams)) {
        if (socket)
            socket->disconnectFromHost();
    }
}

void LiveHub::ping()
{
    for (const auto &client : std::as_const(m_webSockets)) {
        if (client.socket)
            client.socket->ping();
    }
    for (const auto &client : std::as_const(m_streams)) {
        if (client.socket)
            client.socket->write(": ping\n\n");
    }
}

} // namespace tickets::server
