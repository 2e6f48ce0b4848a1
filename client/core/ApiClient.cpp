#include "core/ApiClient.h"

#include "protocol/ErrorKind.h"
#include "protocol/Headers.h"
#include "protocol/Routes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QUrlQuery>

namespace tickets::client {

namespace route = protocol::route;
namespace header = protocol::header;

QString idText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

namespace {
QString withQuery(const QString &path, const QUrlQuery &query)
{
    return query.isEmpty() ? path : path + u'?' + query.toString(QUrl::FullyEncoded);
}

QString boolText(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

// A list answer: the items, and the total of X-Total-Count (at least the items when it is absent).
template <typename T> std::optional<protocol::Page<T>> pageOf(const ApiReply &reply)
{
    const QJsonDocument document = QJsonDocument::fromJson(reply.body);
    if (!document.isArray())
        return std::nullopt;
    protocol::Page<T> page;
    for (const QJsonValue &value : document.array()) {
        if (auto item = T::fromJson(value.toObject()))
            page.items.append(*item);
    }
    page.total = protocol::parseTotalCount(reply.header(header::totalCount)).value_or(page.items.size());
    page.totalCapped = protocol::parseTotalCountCapped(reply.header(header::totalCountCapped));
    page.nextCursor = reply.header(header::nextCursor);
    return page;
}

QJsonObject objectOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

// A body written as someone: without usuario_id when that is oneself, since the token says who.
QJsonObject asCaller(QJsonObject body, const QUuid &usuarioId)
{
    if (usuarioId.isNull())
        body.remove(QStringLiteral("usuario_id"));
    return body;
}

ApiError::Kind kindOf(int status)
{
    using protocol::ErrorKind;
    switch (protocol::errorKindOfStatus(status)) {
    case ErrorKind::Unauthenticated: return ApiError::Kind::Unauthorized;
    case ErrorKind::Forbidden: return ApiError::Kind::Forbidden;
    case ErrorKind::NotFound: return ApiError::Kind::NotFound;
    case ErrorKind::Invalid: return ApiError::Kind::Validation;
    case ErrorKind::TooManyRequests: return ApiError::Kind::Throttled;
    case ErrorKind::Unavailable:
    case ErrorKind::Internal: return ApiError::Kind::Server;
    case ErrorKind::BadRequest:
    case ErrorKind::Conflict:
    case ErrorKind::PreconditionFailed: break;
    }
    return ApiError::Kind::Other;
}
} // namespace

ApiError errorOf(const ApiReply &reply)
{
    ApiError error;
    error.status = reply.status;
    if (reply.status == 0) {
        error.kind = ApiError::Kind::Network;
        error.message = reply.networkError;
        return error;
    }
    const QJsonValue detail = QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("detail"));
    if (detail.isArray()) {
        for (const QJsonValue &item : detail.toArray())
            error.fields.append(FieldError::fromJson(item.toObject()));
        error.message = error.fields.isEmpty() ? QString() : error.fields.first().msg;
    } else {
        error.message = detail.toString();
    }
    error.kind = kindOf(reply.status);
    if (error.message.isEmpty())
        error.message = QStringLiteral("HTTP %1").arg(reply.status);
    return error;
}

ApiClient::ApiClient(QObject *parent)
    : QObject(parent), m_ownTransport(std::make_unique<NetworkTransport>()), m_transport(*m_ownTransport)
{}

ApiClient::ApiClient(ApiTransport &transport, QObject *parent) : QObject(parent), m_transport(transport) {}

ApiClient::~ApiClient() = default;

void ApiClient::setBaseUrl(const QUrl &url)
{
    m_baseUrl = url;
    QString path = m_baseUrl.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    m_baseUrl.setPath(path);
}

QUrl ApiClient::liveUrl() const
{
    QUrl url = m_baseUrl;
    url.setScheme(url.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setPath(url.path() + QLatin1String(route::eventosWebSocket));
    return url;
}

QNetworkRequest ApiClient::liveRequest() const
{
    // The token travels as a header, never in the URL (where proxies and logs would keep it).
    QNetworkRequest request(liveUrl());
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    return request;
}

void ApiClient::send(const QByteArray &method, const QString &pathAndQuery, const QJsonObject *body, QObject *context,
                     std::function<void(const ApiReply &)> done)
{
    ApiRequest request;
    request.server = m_baseUrl;
    request.method = method;
    request.pathAndQuery = pathAndQuery;
    request.headers.emplaceBack("Accept", "application/json");
    request.headers.emplaceBack(header::requestId, protocol::newRequestId("desk-"));
    if (!m_token.isEmpty())
        request.headers.emplaceBack("Authorization", "Bearer " + m_token);
    if (body) {
        request.body = QJsonDocument(*body).toJson(QJsonDocument::Compact);
        request.headers.emplaceBack("Content-Type", "application/json");
    }
    const bool withToken = !m_token.isEmpty();
    QPointer<ApiClient> self(this);
    m_transport.send(request, context ? context : this, [self, done, withToken](const ApiReply &reply) {
        if (self) {
            const bool reachable = reply.status != 0;
            if (reachable != self->m_reachable) {
                self->m_reachable = reachable;
                Q_EMIT self->reachabilityChanged(reachable, reply.networkError);
            }
            if (reply.status == 401 && withToken)
                Q_EMIT self->sessionExpired();
        }
        done(reply);
    });
}

template <typename T, typename Parse>
void ApiClient::call(const QByteArray &method, const QString &path, const QJsonObject *body, QObject *context,
                     Done<T> done, Parse parse)
{
    send(method, path, body, context, [done, parse](const ApiReply &reply) {
        Result<T> result;
        if (reply.status >= 200 && reply.status < 300) {
            result.value = parse(reply);
            if (!result.value) {
                result.error.kind = ApiError::Kind::Other;
                result.error.status = reply.status;
                result.error.message = tr("Respuesta del servidor no reconocida");
            }
        } else {
            result.error = errorOf(reply);
        }
        done(result);
    });
}

void ApiClient::login(const LoginRequest &credentials, QObject *context, Done<LoginResult> done)
{
    const QJsonObject body = credentials.toJson();
    call<LoginResult>("POST", route::fill(route::authLogin), &body, context, std::move(done),
                      [](const ApiReply &r) { return LoginResult::fromJson(objectOf(r.body)); });
}

void ApiClient::logout(QObject *context, Done<bool> done)
{
    call<bool>("POST", route::fill(route::authLogout), nullptr, context, std::move(done),
               [](const ApiReply &) { return std::optional<bool>(true); });
}

void ApiClient::me(QObject *context, Done<Usuario> done)
{
    call<Usuario>("GET", route::fill(route::authMe), nullptr, context, std::move(done),
                  [](const ApiReply &r) { return Usuario::fromJson(objectOf(r.body)); });
}

void ApiClient::tickets(const TicketQuery &query, qint64 skip, qint64 limit, QObject *context,
                        Done<protocol::Page<Ticket>> done, const QByteArray &cursor)
{
    QUrlQuery params;
    // A cursor costs the server the same at any depth and skips nothing when rows arrive meanwhile.
    if (cursor.isEmpty())
        params.addQueryItem(QStringLiteral("skip"), QString::number(skip));
    else
        params.addQueryItem(QStringLiteral("cursor"), QString::fromLatin1(cursor));
    params.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    if (query.estado)
        params.addQueryItem(QStringLiteral("estado"), wireName(*query.estado));
    if (query.prioridad)
        params.addQueryItem(QStringLiteral("prioridad"), wireName(*query.prioridad));
    if (!query.texto.trimmed().isEmpty())
        params.addQueryItem(QStringLiteral("q"), query.texto.trimmed());
    call<protocol::Page<Ticket>>("GET", withQuery(route::fill(route::tickets), params), nullptr, context,
                                 std::move(done), pageOf<Ticket>);
}

void ApiClient::ticket(const QUuid &id, QObject *context, Done<Ticket> done)
{
    call<Ticket>("GET", route::fill(route::ticket, {idText(id)}), nullptr, context, std::move(done),
                 [](const ApiReply &r) { return Ticket::fromJson(objectOf(r.body)); });
}

void ApiClient::createTicket(const TicketCreate &input, QObject *context, Done<Ticket> done)
{
    const QJsonObject body = asCaller(input.toJson(), input.usuarioId);
    call<Ticket>("POST", route::fill(route::tickets), &body, context, std::move(done),
                 [](const ApiReply &r) { return Ticket::fromJson(objectOf(r.body)); });
}

void ApiClient::changeEstado(const QUuid &ticketId, Estado estado, QObject *context, Done<Estado> done)
{
    QUrlQuery params;
    params.addQueryItem(QStringLiteral("nuevo_estado"), wireName(estado));
    call<Estado>("PATCH", withQuery(route::fill(route::ticketEstado, {idText(ticketId)}), params), nullptr, context,
                 std::move(done), [](const ApiReply &r) {
                     return enumFromString<Estado>(objectOf(r.body).value(QStringLiteral("estado")).toString());
                 });
}

void ApiClient::resumen(QObject *context, Done<TicketResumen> done)
{
    call<TicketResumen>(
        "GET", route::fill(route::ticketResumen), nullptr, context, std::move(done),
        [](const ApiReply &r) { return std::optional<TicketResumen>(TicketResumen::fromJson(objectOf(r.body))); });
}

void ApiClient::interacciones(const QUuid &ticketId, QObject *context, Done<protocol::Page<Interaccion>> done)
{
    QUrlQuery params;
    params.addQueryItem(QStringLiteral("limit"), QStringLiteral("1000"));
    call<protocol::Page<Interaccion>>("GET",
                                      withQuery(route::fill(route::ticketInteracciones, {idText(ticketId)}), params),
                                      nullptr, context, std::move(done), pageOf<Interaccion>);
}

void ApiClient::createInteraccion(const InteraccionCreate &input, QObject *context, Done<Interaccion> done)
{
    const QJsonObject body = asCaller(input.toJson(), input.usuarioId);
    call<Interaccion>("POST", route::fill(route::interacciones), &body, context, std::move(done),
                      [](const ApiReply &r) { return Interaccion::fromJson(objectOf(r.body)); });
}

void ApiClient::usuarios(std::optional<bool> activo, qint64 skip, qint64 limit, QObject *context,
                         Done<protocol::Page<Usuario>> done)
{
    QUrlQuery params;
    params.addQueryItem(QStringLiteral("skip"), QString::number(skip));
    params.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    if (activo)
        params.addQueryItem(QStringLiteral("activo"), boolText(*activo));
    call<protocol::Page<Usuario>>("GET", withQuery(route::fill(route::usuarios), params), nullptr, context,
                                  std::move(done), pageOf<Usuario>);
}

void ApiClient::createUsuario(const UsuarioCreate &input, QObject *context, Done<Usuario> done)
{
    const QJsonObject body = input.toJson();
    call<Usuario>("POST", route::fill(route::usuarios), &body, context, std::move(done),
                  [](const ApiReply &r) { return Usuario::fromJson(objectOf(r.body)); });
}

void ApiClient::updateUsuario(const QUuid &id, const UsuarioUpdate &changes, QObject *context, Done<Usuario> done)
{
    const QJsonObject body = changes.toJson();
    call<Usuario>("PATCH", route::fill(route::usuario, {idText(id)}), &body, context, std::move(done),
                  [](const ApiReply &r) { return Usuario::fromJson(objectOf(r.body)); });
}

void ApiClient::deactivateUsuario(const QUuid &id, QObject *context, Done<Usuario> done)
{
    call<Usuario>("DELETE", route::fill(route::usuario, {idText(id)}), nullptr, context, std::move(done),
                  [](const ApiReply &r) { return Usuario::fromJson(objectOf(r.body)); });
}

void ApiClient::notificaciones(const QUuid &usuarioId, bool soloNoLeidas, QObject *context,
                               Done<protocol::Page<Notificacion>> done)
{
    QUrlQuery params;
    params.addQueryItem(QStringLiteral("usuario_id"), idText(usuarioId));
    params.addQueryItem(QStringLiteral("solo_no_leidas"), boolText(soloNoLeidas));
    call<protocol::Page<Notificacion>>("GET", withQuery(route::fill(route::notificaciones), params), nullptr, context,
                                       std::move(done), pageOf<Notificacion>);
}

void ApiClient::eventsSince(qint64 seq, int limit, QObject *context, Done<EventBatch> done)
{
    QUrlQuery params;
    params.addQueryItem(QStringLiteral("since"), QString::number(seq));
    params.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    call<EventBatch>("GET", withQuery(route::fill(route::eventos), params), nullptr, context, std::move(done),
                     [seq](const ApiReply &r) -> std::optional<EventBatch> {
                         const QJsonDocument document = QJsonDocument::fromJson(r.body);
                         if (!document.isArray())
                             return std::nullopt;
                         EventBatch batch;
                         batch.lastSeq = seq;
                         for (const QJsonValue &value : document.array()) {
                             const QByteArray payload = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
                             if (auto event = events::Event::fromJson(payload)) {
                                 batch.lastSeq = qMax(batch.lastSeq, event->seq);
                                 batch.events.append(*event);
                             }
                         }
                         batch.lastSeq = qMax(batch.lastSeq, r.header(header::lastSeq).toLongLong());
                         return batch;
                     });
}

void ApiClient::health(QObject *context, Done<HealthStatus> done)
{
    call<HealthStatus>("GET", route::fill(route::health), nullptr, context, std::move(done), [](const ApiReply &r) {
        return std::optional<HealthStatus>(HealthStatus::fromJson(objectOf(r.body), r.elapsedMs));
    });
}

} // namespace tickets::client
