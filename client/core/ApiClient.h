#pragma once
// The desktop client's only door to the server: every call is asynchronous (QNetworkAccessManager),
// has a timeout and a request id, and answers through a callback with typed values from
// tickets_common. Callbacks are bound to a context object and dropped if it is gone.

#include "auth/Credentials.h"
#include "core/ApiResult.h"
#include "domain/Interaccion.h"
#include "domain/Notificacion.h"
#include "domain/Ticket.h"
#include "domain/Usuario.h"
#include "events/Events.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <functional>

namespace tickets::client {

// The server-side filters of GET /tickets.
struct TicketQuery
{
    std::optional<Estado> estado;
    std::optional<Prioridad> prioridad;
    QString texto; // q: title and description

    bool operator==(const TicketQuery &) const = default;
};

struct HealthStatus
{
    bool ok = false;
    QString database;  // "ok" or "error: ..."
    QString redis;
    QJsonObject figures; // everything else /health returned (admins: batch, latencies, ...)
    double roundTripMs = 0;
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
    explicit ApiClient(QObject *parent = nullptr);

    void setBaseUrl(const QUrl &url);
    QUrl baseUrl() const { return m_baseUrl; }
    void setToken(const QByteArray &token) { m_token = token; }
    QByteArray token() const { return m_token; }

    template <typename T> using Done = std::function<void(Result<T>)>;

    void login(const LoginRequest &credentials, QObject *context, Done<LoginResult> done);
    void logout(QObject *context, Done<bool> done);
    void me(QObject *context, Done<Usuario> done);

    void tickets(const TicketQuery &query, qint64 skip, qint64 limit, QObject *context, Done<ListPage<Ticket>> done);
    void ticket(const QUuid &id, QObject *context, Done<Ticket> done);
    void createTicket(const TicketCreate &input, QObject *context, Done<Ticket> done);
    void changeEstado(const QUuid &ticketId, Estado estado, QObject *context, Done<Estado> done);
    void resumen(QObject *context, Done<TicketResumen> done);

    void interacciones(const QUuid &ticketId, QObject *context, Done<ListPage<Interaccion>> done);
    void createInteraccion(const InteraccionCreate &input, QObject *context, Done<Interaccion> done);

    void usuarios(std::optional<bool> activo, qint64 skip, qint64 limit, QObject *context, Done<ListPage<Usuario>> done);
    void createUsuario(const UsuarioCreate &input, QObject *context, Done<Usuario> done);
    void updateUsuario(const QUuid &id, const UsuarioUpdate &changes, QObject *context, Done<Usuario> done);
    void deactivateUsuario(const QUuid &id, QObject *context, Done<Usuario> done);

    void notificaciones(const QUuid &usuarioId, bool soloNoLeidas, QObject *context, Done<ListPage<Notificacion>> done);
    void eventsSince(qint64 seq, int limit, QObject *context, Done<EventBatch> done);
    void health(QObject *context, Done<HealthStatus> done);

    // The WebSocket URL of /ws/eventos with the token (ws:// or wss:// after the base URL).
    QUrl liveUrl() const;

Q_SIGNALS:
    // Whether the last request got an answer at all; `problem` says why not.
    void reachabilityChanged(bool reachable, const QString &problem);
    // A request made with a token was refused with 401: the session ended.
    void sessionExpired();

private:
    struct Reply
    {
        int status = 0;
        QByteArray body;
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QString networkError;
        double elapsedMs = 0;
    };
    void send(const QByteArray &method, const QString &pathAndQuery, const QJsonObject *body, QObject *context,
              std::function<void(const Reply &)> done);
    template <typename T, typename Parse>
    void call(const QByteArray &method, const QString &path, const QJsonObject *body, QObject *context, Done<T> done,
              Parse parse);
    ApiError errorOf(const Reply &reply);

    QNetworkAccessManager m_network;
    QUrl m_baseUrl;
    QByteArray m_token;
    int m_timeoutMs = 15000;
    bool m_reachable = true;
};

QString idText(const QUuid &id);

} // namespace tickets::client
