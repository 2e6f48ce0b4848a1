#include "app/ApiHandler.h"

#include "api/AccessLog.h"
#include "api/CorsPolicy.h"
#include "api/ErrorMapping.h"
#include "api/LiveGrant.h"
#include "api/Logging.h"
#include "api/Replies.h"
#include "api/Request.h"
#include "api/Router.h"
#include "auth/Authenticator.h"
#include "protocol/Headers.h"
#include "protocol/Messages.h"
#include "protocol/Routes.h"

#include <QElapsedTimer>

namespace tickets::server {

namespace msg = protocol::msg;

QByteArray bearerToken(const http::Request &request)
{
    const QByteArray header = request.header("authorization").trimmed();
    const qsizetype space = header.indexOf(' ');
    if (space <= 0 || header.left(space).toLower() != "bearer")
        return {};
    return header.mid(space + 1).trimmed();
}

QByteArray liveClientToken(const http::Request &request)
{
    const QByteArray token = bearerToken(request);
    if (!token.isEmpty())
        return token;
    return request.query.queryItemValue(QString::fromLatin1(protocol::query::accessToken), QUrl::FullyDecoded)
        .toLatin1();
}

// A single-use ticket from POST /auth/ws-ticket, for browsers (the live routes only).
QByteArray liveClientTicket(const http::Request &request)
{
    return request.query.queryItemValue(QString::fromLatin1(protocol::query::ticket), QUrl::FullyDecoded).toLatin1();
}

http::Response ApiHandler::handle(const http::Request &request)
{
    QElapsedTimer timer;
    timer.start();
    const qint64 roundTripsBefore = m_roundTrips ? m_roundTrips() : 0;
    const QByteArray requestId = requestIdFor(request);
    http::Response response = dispatch(request, requestId, true);
    if (response.deferred) {
        // Finished later, in this thread: its failures are mapped and it is decorated then.
        auto finish = std::move(response.deferred->finish);
        auto note = std::move(response.deferred->note);
        response.deferred->finish = [this, request, requestId, timer, finish = std::move(finish),
                                     note = std::move(note)] {
            http::Response later;
            try {
                later = finish();
            } catch (...) {
                later = responseForCurrentException(requestId);
            }
            const QByteArray said = note ? note() : QByteArrayLiteral("deferred");
            decorate(request, later, requestId, timer, said.constData());
            return later;
        };
        return response;
    }
    QByteArray note = m_roundTrips ? "sql=" + QByteArray::number(m_roundTrips() - roundTripsBefore) : QByteArray();
    if (response.stream)
        note += note.isEmpty() ? "stream" : " stream";
    decorate(request, response, requestId, timer, note.isEmpty() ? nullptr : note.constData());
    return response;
}

void ApiHandler::decorate(const http::Request &request, http::Response &response, const QByteArray &requestId,
                          const QElapsedTimer &timer, const char *note) const
{
    for (const auto &[name, value] : m_cors.responseHeaders(request.header("origin"))) {
        if (!response.hasHeader(name))
            response.setHeader(name, value);
    }
    response.setHeader(protocol::header::requestId, requestId);
    m_log.record(request, response.status, timer.nsecsElapsed() / 1e6, requestId, note);
}

http::Response ApiHandler::serve(const http::Request &request, const QByteArray &requestId)
{
    return dispatch(request, requestId, false);
}

http::Response ApiHandler::dispatch(const http::Request &request, const QByteArray &requestId, bool mayOffload)
{
    const QByteArray origin = request.header("origin");
    const QByteArray requestedMethod = request.header("access-control-request-method");
    if (CorsPolicy::isPreflight(request.method, origin, requestedMethod)) {
        const auto preflight =
            m_cors.preflight(origin, requestedMethod, request.header("access-control-request-headers"));
        http::Response response = preflight.detail.isNull() ? http::Response(200, "text/plain", "OK")
                                                            : errorResponse(preflight.status, preflight.detail);
        for (const auto &[name, value] : preflight.headers)
            response.setHeader(name, value);
        if (!preflight.detail.isNull())
            qCInfo(lcCors).noquote() << "preflight refused for origin" << QString::fromUtf8(origin);
        return response;
    }

    Router::Resolution route = m_router.resolve(request);
    if (route.answer)
        return *route.answer;
    if (mayOffload && m_offload && route.match.execution == RouteExecution::WritePool) {
        http::Response handedOver;
        handedOver.deferred = m_offload(request, requestId);
        if (handedOver.deferred)
            return handedOver;
        return responseFor(protocol::Error::busy());
    }
    Request context(request, route.match.paramNames, route.match.params, requestId);
    try {
        const RouteAccess access = route.match.access;
        if (access == RouteAccess::LiveClient)
            context.setAccess(m_auth.liveAccessFor(liveClientToken(request), liveClientTicket(request)));
        else
            context.setAccess(m_auth.accessFor(bearerToken(request), access == RouteAccess::Public));
        return (*route.match.handler)(context);
    } catch (...) {
        return responseForCurrentException(requestId);
    }
}

http::Response ApiHandler::upgrade(const http::Request &request)
{
    QElapsedTimer timer;
    timer.start();
    const QByteArray requestId = requestIdFor(request);
    if (request.method != "GET" || request.path != QLatin1String(protocol::route::eventosWebSocket)) {
        http::Response refusal = errorResponse(404, msg::notFound);
        m_log.record(request, refusal.status, timer.nsecsElapsed() / 1e6, requestId);
        return refusal;
    }
    auto grant = std::make_shared<LiveGrant>();
    try {
        grant->access = m_auth.liveAccessWith(liveClientToken(request), liveClientTicket(request));
    } catch (...) {
        http::Response failure = responseForCurrentException(requestId);
        m_log.record(request, failure.status, timer.nsecsElapsed() / 1e6, requestId);
        return failure;
    }
    http::Response accepted(101, {}, {});
    m_log.record(request, 101, timer.nsecsElapsed() / 1e6, requestId, grant->access ? "websocket" : "refused");
    accepted.stream = std::move(grant);
    return accepted;
}

} // namespace tickets::server
