#include "live/LiveHub.h"

#include "api/LiveGrant.h"
#include "events/Events.h"
#include "http/ConnectionGuard.h"
#include "live/ChannelSubscriber.h"
#include "live/Logging.h"
#include "protocol/Messages.h"
#include "redis/PresenceStore.h"
#include "redis/RedisClient.h"
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
#include <chrono>

namespace tickets::server {

namespace {
constexpr int kPingMs = 15000;
constexpr qint64 kMaxUnsentBytes = 1024 * 1024; // a client further behind than this is dropped
constexpr int kReplayLimit = 1000;
// What a client may send: control frames and, at most, a presence message (nothing else is
// read from clients); anything bigger closes it (1009).
constexpr quint64 kMaxIncomingBytes = events::presencia::kMaxMessageBytes;
// Messages a client may send: a bucket of kBurst refilled kPerSecond. One over the limit is
// dropped and counts a strike; strikes leak kStrikeLeakPerSecond, and more than kMaxStrikes
// (a flood, or a rate well above the limit for a while) closes the socket (1008).
constexpr double kBurst = 5;
constexpr double kPerSecond = 2;
constexpr double kMaxStrikes = 10;
constexpr double kStrikeLeakPerSecond = 0.5;
constexpr qsizetype kMaxPresenceTickets = 20; // tickets one socket may be present on at once
constexpr int kPresenceRedisTimeoutMs = 250;  // the live thread waits no longer for Redis

qint64 nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// "event: presencia\ndata: <payload>\n\n": no id, so a browser's Last-Event-ID stays the last seq.
QByteArray presenceFrame(const QByteArray &payload)
{
    return "event: " + events::evento::presencia.toUtf8() + "\ndata: " + payload + "\n\n";
}
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
    : http::LiveSink(parent), m_config(config), m_clients(clients), m_ping(this), m_revalidate(this),
      m_presenceSweep(this)
{}

LiveHub::~LiveHub()
{
    // A stopping instance ends its clients' presences now rather than when they expire.
    for (auto it = m_speakers.cbegin(); it != m_speakers.cend(); ++it)
        endPresences(it.key());
    m_speakers.clear();
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
    m_redis = RedisClient::create(m_config.redis, kPresenceRedisTimeoutMs);
    m_presence = std::make_unique<PresenceStore>(*m_redis);
    m_presenceSubscriber = ChannelSubscriber::create(m_config.redis, events::kPresenceChannel, this);
    connect(m_presenceSubscriber, &ChannelSubscriber::message, this, &LiveHub::deliverPresence);
    m_presenceSubscriber->start();
    connect(&m_presenceSweep, &QTimer::timeout, this, &LiveHub::sweepPresences);
    m_presenceSweep.start(std::clamp(m_config.presenceTtlSeconds * 1000 / 4, 250, 1000));
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
    Speaker speaker;
    speaker.conexion = QUuid::createUuid().toByteArray(QUuid::Id128);
    speaker.tokens = kBurst;
    speaker.refilledMs = nowMs();
    m_speakers.insert(socket, speaker);
    // From here on every event reaches this client: it may now catch up on what came before.
    socket->sendTextMessage(QString::fromUtf8(events::Event::conectado().toJson()));
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this, socket](const QString &message) { onClientMessage(socket, message.toUtf8()); });
    connect(socket, &QWebSocket::binaryMessageReceived, this,
            [this, socket](const QByteArray &) { onClientMessage(socket, {}); }); // counted, never read
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        endPresences(socket);
        m_speakers.remove(socket);
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
// Sends to every client of one kind that may see the event (`reaches` its Access), dropping
// those too far behind to be worth waiting for.
template <typename Client, typename Reaches, typename Send>
void sendToAll(const QList<Client> &clients, const char *kind, Reaches reaches, Send send)
{
    for (const Client &client : clients) {
        const auto &socket = client.socket;
        if (!socket || !reaches(client.access))
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
    const auto reaches = [&](const Access &access) { return m_audience->reaches(access, payload); };
    sendToAll(m_webSockets, "a WebSocket", reaches, [&](QWebSocket *socket) { socket->sendTextMessage(text); });
    const QByteArray frame = sseFrame(payload);
    sendToAll(m_streams, "an event-stream", reaches, [&](QTcpSocket *socket) { socket->write(frame); });
}

bool LiveHub::withinRate(Speaker &speaker)
{
    const qint64 now = nowMs();
    const double seconds = static_cast<double>(now - speaker.refilledMs) / 1000.0;
    speaker.refilledMs = now;
    speaker.tokens = std::min(kBurst, speaker.tokens + seconds * kPerSecond);
    speaker.strikes = std::max(0.0, speaker.strikes - seconds * kStrikeLeakPerSecond);
    if (speaker.tokens >= 1) {
        speaker.tokens -= 1;
        return true;
    }
    speaker.strikes += 1;
    return false;
}

void LiveHub::onClientMessage(QWebSocket *socket, const QByteArray &message)
{
    const auto speaker = m_speakers.find(socket);
    if (speaker == m_speakers.end() || socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (!withinRate(*speaker)) {
        if (speaker->strikes > kMaxStrikes) {
            qCInfo(lcLive) << "closing a WebSocket client that sends too many messages";
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("Demasiados mensajes"));
        }
        return;
    }
    const auto client = std::find_if(m_webSockets.cbegin(), m_webSockets.cend(),
                                     [socket](const auto &c) { return c.socket == socket; });
    // Anything but a staff member's well-formed presence message is ignored. Open mode without
    // a token names nobody: such a client sees presence but cannot share its own.
    if (client == m_webSockets.cend() || !client->access.allows(Permission::SharePresence) || !client->access.caller())
        return;
    if (const auto accion = events::AccionPresencia::fromJson(message))
        setPresence(client->access, *speaker, accion->ticketId, accion->accion);
}

void LiveHub::setPresence(const Access &access, Speaker &speaker, const QUuid &ticketId, const QString &estado)
{
    const qint64 now = nowMs();
    const qint64 ttlMs = qint64(m_config.presenceTtlSeconds) * 1000;
    for (auto it = speaker.tickets.begin(); it != speaker.tickets.end();) {
        if (now - it.value() >= ttlMs)
            it = speaker.tickets.erase(it); // expired: the sweep says fuera
        else
            ++it;
    }
    if (estado == events::presencia::fuera) {
        if (!speaker.tickets.remove(ticketId))
            return; // not present there
    } else {
        if (!speaker.tickets.contains(ticketId) && speaker.tickets.size() >= kMaxPresenceTickets)
            return;
        speaker.tickets.insert(ticketId, now);
    }
    // The name as the user's record says (the session's user; re-read on usuario_actualizado).
    speaker.usuarioId = access.callerId();
    speaker.nombre = access.caller()->nombre;
    try {
        const auto change =
            m_presence->set(ticketId, speaker.usuarioId, speaker.conexion, estado, speaker.nombre, ttlMs);
        if (change.changed())
            publishPresence(events::Presencia::now(ticketId, speaker.usuarioId, speaker.nombre, change.after).toJson());
    } catch (const RedisUnavailable &error) {
        qCDebug(lcLive) << "presence not shared:" << error.what();
    }
}

void LiveHub::endPresences(const QWebSocket *socket)
{
    const auto speaker = m_speakers.constFind(socket);
    if (speaker == m_speakers.cend() || !m_presence)
        return;
    for (auto it = speaker->tickets.cbegin(); it != speaker->tickets.cend(); ++it) {
        try {
            const auto change = m_presence->set(it.key(), speaker->usuarioId, speaker->conexion,
                                                events::presencia::fuera, speaker->nombre, 0);
            if (change.changed())
                publishPresence(
                    events::Presencia::now(it.key(), speaker->usuarioId, speaker->nombre, change.after).toJson());
        } catch (const RedisUnavailable &error) {
            qCDebug(lcLive) << "presence not ended:" << error.what();
            return; // its entries expire by themselves
        }
    }
}

void LiveHub::sweepPresences()
{
    try {
        for (const auto &drop : m_presence->sweep())
            publishPresence(events::Presencia::now(drop.ticketId, drop.usuarioId, drop.nombre, drop.estado).toJson());
    } catch (const RedisUnavailable &error) {
        qCDebug(lcLive) << "presences not swept:" << error.what();
    }
}

void LiveHub::publishPresence(const QByteArray &payload)
{
    try {
        m_redis->command({"PUBLISH", events::kPresenceChannel, payload});
    } catch (const RedisUnavailable &error) {
        qCDebug(lcLive) << "presence not published:" << error.what();
    }
}

void LiveHub::deliverPresence(const QByteArray &payload)
{
    if (!events::Presencia::fromJson(payload))
        return; // what arrives from Redis is checked like any input
    // Staff only: never a usuario's WebSocket or event stream.
    const auto reaches = [](const Access &access) { return access.allows(Permission::SharePresence); };
    const QString text = QString::fromUtf8(payload);
    sendToAll(m_webSockets, "a WebSocket", reaches, [&](QWebSocket *socket) { socket->sendTextMessage(text); });
    const QByteArray frame = presenceFrame(payload);
    sendToAll(m_streams, "an event-stream", reaches, [&](QTcpSocket *socket) { socket->write(frame); });
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
    // Demoted: no longer on any ticket (a closed client's presences end when it is gone).
    for (const auto &client : std::as_const(m_webSockets)) {
        if (!client.socket || client.access.isOpen() || client.access.callerId() != usuarioId ||
            client.access.allows(Permission::SharePresence))
            continue;
        endPresences(client.socket.data());
        if (const auto speaker = m_speakers.find(client.socket.data()); speaker != m_speakers.end())
            speaker->tickets.clear();
    }
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
