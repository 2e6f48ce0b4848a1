#include "core/ApiClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QUrlQuery>

namespace tickets::client {

QString idText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

namespace {
template <typename T> std::optional<ListPage<T>> pageOf(const QByteArray &body, qint64 total)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isArray())
        return std::nullopt;
    ListPage<T> page;
    for (const QJsonValue &value : document.array()) {
        if (auto item = T::fromJson(value.toObject()))
            page.items.append(*item);
    }
    page.total = total;
    return page;
}

QJsonObject objectOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}
} // namespace

ApiClient::ApiClient(QObject *parent) : QObject(parent)
{
    m_network.setAutoDeleteReplies(true);
}

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
    url.setPath(url.path() + QStringLiteral("/ws/eventos"));
    if (!m_token.isEmpty())
        url.setQuery(QStringLiteral("access_token=") + QString::fromLatin1(m_token));
    return url;
}

void ApiClient::send(const QByteArray &method, const QString &pathAndQuery, const QJsonObject *body, QObject *context,
                     std::function<void(const Reply &)> done)
{
    QUrl url = m_baseUrl;
    const qsizetype question = pathAndQuery.indexOf(u'?');
    url.setPath(m_baseUrl.path() + pathAndQuery.left(question));
    if (question >= 0)
        url.setQuery(pathAndQuery.mid(question + 1), QUrl::StrictMode);
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("X-Request-ID", "desk-" + QByteArray::number(QRandomGenerator::global()->generate64(), 16));
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    QByteArray payload;
    if (body) {
        payload = QJsonDocument(*body).toJson(QJsonDocument::Compact);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    }
    QElapsedTimer timer;
    timer.start();
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, payload);
    const bool withToken = !m_token.isEmpty();
    // Bound to `context`: a view that closed never hears back. The reply deletes itself
    // (setAutoDeleteReplies).
    connect(reply, &QNetworkReply::finished, context ? context : this, [this, reply, done, timer, withToken] {
        Reply result;
        result.elapsedMs = timer.nsecsElapsed() / 1e6;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            result.headers.insert(name.toLower(), value);
        if (result.status == 0)
            result.networkError = reply->errorString();
        const bool reachable = result.status != 0;
        if (reachable != m_reachable) {
            m_reachable = reachable;
            Q_EMIT reachabilityChanged(reachable, result.networkError);
        }
        if (result.status == 401 && withToken)
            Q_EMIT sessionExpired();
        done(result);
    });
}

ApiError ApiClient::errorOf(const Reply &reply)
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
    switch (reply.status) {
    case 401: error.kind = ApiError::Kind::Unauthorized; break;
    case 403: error.kind = ApiError::Kind::Forbidden; break;
    case 404: error.kind = ApiError::Kind::NotFound; break;
    case 422: error.kind = ApiError::Kind::Validation; break;
    case 429: error.kind = ApiError::Kind::Throttled; break;
    default: error.kind = reply.status >= 500 ? ApiError::Kind::Server : ApiError::Kind::Other;
    }
    if (error.message.isEmpty())
        error.message = QStringLiteral("HTTP %1").arg(reply.status);
    return error;
}

template <typename T, typename Parse>
void ApiClient::call(const QByteArray &method, const QString &path, const QJsonObject *body, QObject *context, Done<T> done,
                     Parse parse)
{
    send(method, path, body, context, [this, done, parse](const Reply &reply) {
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
    call<LoginResult>("POST", QStringLiteral("/auth/login"), &body, context, std::move(done),
                      [](const Reply &r) { return LoginResult::fromJson(objectOf(r.body)); });
}

void ApiClient::logout(QObject *context, Done<bool> done)
{
    call<bool>("POST", QStringLiteral("/auth/logout"), nullptr, context, std::move(done),
               [](const Reply &) { return std::optional<bool>(true); });
}

void ApiClient::me(QObject *context, Done<Usuario> done)
{
    call<Usuario>("GET", QStringLiteral("/auth/me"), nullptr, context, std::move(done),
                  [](const Reply &r) { return Usuario::fromJson(objectOf(r.body)); });
}

void ApiClient::tickets(const TicketQuery &query, qint64 skip, qint64 limit, QObject *context, Done<ListPage<Ticket>> done)
{
    QUrlQuery params;
    params.addQueryItem(QStringLiteral("skip"), QString::number(skip));
    params.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    if (query.estado)
        params.addQueryItem(QStringLiteral("estado"), wireName(*query.estado));
    if (query.prioridad)
        params.addQueryItem(QStringLiteral("prioridad"), wireName(*query.prioridad));
    if (!query.texto.trimmed().isEmpty())
        params.addQueryItem(QStringLiteral("q"), query.texto.trimmed());
    call<ListPage<Ticket>>("GET", QStringLiteral("/tickets?") + params.toString(QUrl::FullyEncoded), nullptr, context,
                           std::move(done), [](const Reply &r) {
                               return pageOf<Ticket>(r.body, r.headers.value("x-total-count").toLongLong());
                           });
}

void ApiClient::ticket(const QUuid &id, QObject *context, Done<Ticket> done)
{
    call<Ticket>("GET", QStringLiteral("/tickets/") + idText(id), nullptr, context, std::move(done),
                 [](const Reply &r) { return Ticket::fromJson(objectOf(r.body)); });
}

void ApiClient::createTicket(const TicketCreate &input, QObject *context, Done<Ticket> done)
{
    QJsonObject body = input.toJson();
    if (input.usuarioId.isNull())
        body.remove(QStringLiteral("usuario_id")); // the token says who
    call<Ticket>("POST", QStringLiteral("/tickets"), &body, context, std::move(done),
                 [](const Reply &r) { return Ticket::fromJson(objectOf(r.body)); });
}

void ApiClient::changeEstado(const QUuid &ticketId, Estado estado, QObject *context, Done<Estado> done)
{
    call<Estado>("PATCH", QStringLiteral("/tickets/%1/estado?nuevo_estado=%2").arg(idText(ticketId), wireName(estado)), nullptr,
                 context, std::move(done), [](const Reply &r) {
                     return enumFromString<Estado>(objectOf(r.body).value(QStringLiteral("estado")).toString());
                 });
}

void ApiClient::resumen(QObject *context, Done<TicketResumen> done)
{
    call<TicketResumen>("GET", QStringLiteral("/tickets/resumen"), nullptr, context, std::move(done),
                        [](const Reply &r) { return std::optional<TicketResumen>(TicketResumen::fromJson(objectOf(r.body))); });
}

void ApiClient::interacciones(const QUuid &ticketId, QObject *context, Done<ListPage<Interaccion>> done)
{
    call<ListPage<Interaccion>>("GET", QStringLiteral("/tickets/%1/interacciones?limit=1000").arg(idText(ticketId)), nullptr,
                                context, std::move(done), [](const Reply &r) {
                                    return pageOf<Interaccion>(r.body, r.headers.value("x-total-count").toLongLong());
                                });
}

void ApiClient::createInteraccion(const InteraccionCreate &input, QObject *context, Done<Interaccion> done)
{
    QJsonObject body = input.toJson();
    if (input.usuarioId.isNull())
        body.remove(QStringLiteral("usuario_id"));
    call<Interaccion>("POST", QStringLiteral("/interacciones"), &body, context, std::move(done),
                      [](const Reply &r) { return Interaccion::fromJson(objectOf(r.body)); });
}

void ApiClient::usuarios(std::optional<bool> activo, qint64 skip, qint64 limit, QObject *context,
                         Done<ListPage<Usuario>> done)
{
    QString path = QStringLiteral("/usuarios?skip=%1&limit=%2").arg(skip).arg(limit);
    if (activo)
        path += *activo ? QStringLiteral("&activo=true") : QStringLiteral("&activo=false");
    call<ListPage<Usuario>>("GET", path, nullptr, context, std::move(done), [](const Reply &r) {
        return pageOf<Usuario>(r.body, r.headers.value("x-total-count").toLongLong());
    });
}

void ApiClient::createUsuario(const UsuarioCreate &input, QObject *context, Done<Usuario> done)
{
    const QJsonObject body = input.toJson();
    call<Usuario>("POST", QStringLiteral("/usuarios"), &body, context, std::move(done),
                  [](const Reply &r) { return Usuario::fromJson(objectOf(r.body)); });
}

void ApiClient::updateUsuario(const QUuid &id, const UsuarioUpdate &changes, QObject *context, Done<Usuario> done)
{
    const QJsonObject body = changes.toJson();
    call<Usuario>("PATCH", QStringLiteral("/usuarios/") + idText(id), &body, context, std::move(done),
                  [](const Reply &r) { return Usuario::fromJson(objectOf(r.body)); });
}

void ApiClient::deactivateUsuario(const QUuid &id, QObject *context, Done<Usuario> done)
{
    call<Usuario>("DELETE", QStringLiteral("/usuarios/") + idText(id), nullptr, context, std::move(done),
                  [](const Reply &r) { return Usuario::fromJson(objectOf(r.body)); });
}

void ApiClient::notificaciones(const QUuid &usuarioId, bool soloNoLeidas, QObject *context, Done<ListPage<Notificacion>> done)
{
    call<ListPage<Notificacion>>(
        "GET",
        QStringLiteral("/notificaciones?usuario_id=%1&solo_no_leidas=%2")
            .arg(idText(usuarioId), soloNoLeidas ? QStringLiteral("true") : QStringLiteral("false")),
        nullptr, context, std::move(done),
        [](const Reply &r) { return pageOf<Notificacion>(r.body, r.headers.value("x-total-count").toLongLong()); });
}

void ApiClient::eventsSince(qint64 seq, int limit, QObject *context, Done<EventBatch> done)
{
    call<EventBatch>("GET", QStringLiteral("/eventos?since=%1&limit=%2").arg(seq).arg(limit), nullptr, context,
                     std::move(done), [seq](const Reply &r) -> std::optional<EventBatch> {
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
                         batch.lastSeq = qMax(batch.lastSeq, r.headers.value("x-last-seq").toLongLong());
                         return batch;
                     });
}

void ApiClient::health(QObject *context, Done<HealthStatus> done)
{
    call<HealthStatus>("GET", QStringLiteral("/health"), nullptr, context, std::move(done), [](const Reply &r) {
        QJsonObject object = objectOf(r.body);
        HealthStatus status;
        status.ok = object.value(QStringLiteral("status")).toString() == QLatin1String("ok");
        const QJsonObject services = object.value(QStringLiteral("services")).toObject();
        status.database = services.value(QStringLiteral("database")).toString();
        status.redis = services.value(QStringLiteral("redis")).toString();
        object.remove(QStringLiteral("services"));
        status.figures = object;
        status.roundTripMs = r.elapsedMs;
        return std::optional<HealthStatus>(status);
    });
}

} // namespace tickets::client
