#pragma once
// The desktop client's only door to the server: every call is asynchronous, has a request id
// (and, over the network, a timeout), and answers through a callback with typed values from
// tickets_common. Paths, header names and list pages come from common/protocol, as the server
// uses them. The bytes go through an ApiTransport (QNetworkAccessManager unless a test gives
// another). Callbacks are bound to a context object and dropped if it is gone.

#include "auth/Credentials.h"
#include "core/ApiResult.h"
#include "core/ApiTransport.h"
#include "core/HealthStatus.h"
#include "domain/Interaccion.h"
#include "domain/Notificacion.h"
#include "domain/Ticket.h"
#include "domain/Usuario.h"
#include "events/Events.h"
#include "protocol/Page.h"

#include <QJsonObject>
#include <QNetworkRequest>
#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>

namespace tickets::client {

// The server-side filters of GET /tickets.
struct TicketQuery
{
    std::optional<Estado> estado;
    std::optional<Prioridad> prioridad;
    QString texto; // q: title and description

    bool operator==(const TicketQuery &) const = default;
};

struct EventBatch
{
    QList<events::Event> events;
    qint64 lastSeq = 0; // how far the server scanned (X-Last-Seq)
};

class ApiClient : public QObject
{
    Q_OBJECT
public:
    explicit ApiClient(QObject *parent = nullptr);                          // over the network
    explicit ApiClient(ApiTransport &transport, QObject *parent = nullptr); // over `transport`
    ~ApiClient() override;

    void setBaseUrl(const QUrl &url);
    QUrl baseUrl() const { return m_baseUrl; }
    void setToken(const QByteArray &token) { m_token = token; }
    QByteArray token() const { return m_token; }

    template <typename T> using Done = std::function<void(Result<T>)>;

    void login(const LoginRequest &credentials, QObject *context, Done<LoginResult> done);
    void logout(QObject *context, Done<bool> done);
    void me(QObject *context, Done<Usuario> done);

    // One page: after `cursor` (X-Next-Cursor of the page before) when given, else from `skip`.
    void tickets(const TicketQuery &query, qint64 skip, qint64 limit, QObject *context,
                 Done<protocol::Page<Ticket>> done, const QByteArray &cursor = {});
    void ticket(const QUuid &id, QObject *context, Done<Ticket> done);
    void createTicket(const TicketCreate &input, QObject *context, Done<Ticket> done);
    void changeEstado(const QUuid &ticketId, Estado estado, QObject *context, Done<Estado> done);
    void resumen(QObject *context, Done<TicketResumen> done);

    void interacciones(const QUuid &ticketId, QObject *context, Done<protocol::Page<Interaccion>> done);
    void createInteraccion(const InteraccionCreate &input, QObject *context, Done<Interaccion> done);

    void usuarios(std::optional<bool> activo, qint64 skip, qint64 limit, QObject *context,
                  Done<protocol::Page<Usuario>> done);
    void createUsuario(const UsuarioCreate &input, QObject *context, Done<Usuario> done);
    void updateUsuario(const QUuid &id, const UsuarioUpdate &changes, QObject *context, Done<Usuario> done);
    void deactivateUsuario(const QUuid &id, QObject *context, Done<Usuario> done);

    void notificaciones(const QUuid &usuarioId, bool soloNoLeidas, QObject *context,
                        Done<protocol::Page<Notificacion>> done);
    void eventsSince(qint64 seq, int limit, QObject *context, Done<EventBatch> done);
    void health(QObject *context, Done<HealthStatus> done);

    // The WebSocket URL of /ws/eventos with the token (ws:// or wss:// after the base URL).
    QUrl liveUrl() const;                // /ws/eventos, with no token in it
    QNetworkRequest liveRequest() const; // that URL, with the token as an Authorization header

Q_SIGNALS:
    // Whether the last request got an answer at all; `problem` says why not.
    void reachabilityChanged(bool reachable, const QString &problem);
    // A request made with a token was refused with 401: the session ended.
    void sessionExpired();

private:
    void send(const QByteArray &method, const QString &pathAndQuery, const QJsonObject *body, QObject *context,
              std::function<void(const ApiReply &)> done);
    template <typename T, typename Parse>
    void call(const QByteArray &method, const QString &path, const QJsonObject *body, QObject *context, Done<T> done,
              Parse parse);

    std::unique_ptr<ApiTransport> m_ownTransport; // the network one, unless a transport was given
    ApiTransport &m_transport;
    QUrl m_baseUrl;
    QByteArray m_token;
    bool m_reachable = true;
};

// The error a person reads for an answer that is not a success: its kind, the server's
// detail, and the field problems of a 422.
ApiError errorOf(const ApiReply &reply);

QString idText(const QUuid &id);

} // namespace tickets::client
