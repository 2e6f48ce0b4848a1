#include "controllers/EventosController.h"

#include "api/LiveGrant.h"
#include "api/Replies.h"
#include "api/Request.h"
#include "auth/EventAudience.h"
#include "events/Events.h"
#include "protocol/ErrorKind.h"
#include "protocol/Headers.h"
#include "protocol/Messages.h"
#include "protocol/Routes.h"
#include "storage/OutboxRepository.h"

namespace tickets::server {

using protocol::Error;
namespace msg = protocol::msg;

void EventosController::registerRoutes(Router &router)
{
    router.add("GET", protocol::route::eventos, [this](Request &r) { return since(r); });
    router.add(
        "GET", protocol::route::eventosStream, [this](Request &r) { return stream(r); }, RouteAccess::LiveClient);
    // A real upgrade never reaches the router (the transport hands it to the live hub); a
    // plain GET is told what is expected.
    router.add("GET", protocol::route::eventosWebSocket, [](Request &) {
        Response response = errorResponse(426, msg::upgradeRequired);
        response.setHeader("Upgrade", "websocket");
        return response;
    });
}

Response EventosController::since(Request &request)
{
    const auto seq = request.queryInt(QStringLiteral("since"), 0, 0, std::nullopt);
    const auto limit = request.queryInt(QStringLiteral("limit"), 100, 1, 1000);
    request.finish();
    // The payloads are served byte for byte as they were published.
    QList<QByteArray> payloads = m_outbox.eventsSince(*seq, static_cast<int>(*limit));
    qint64 lastSeq = *seq;
    if (!payloads.isEmpty()) {
        if (const auto last = events::Event::fromJson(payloads.constLast()))
            lastSeq = last->seq;
    }
    payloads.removeIf([&](const QByteArray &payload) { return !m_audience.reaches(request.access(), payload); });
    Response response = jsonResponse(QByteArray("[" + payloads.join(',') + "]"));
    response.setHeader(protocol::header::lastSeq, QByteArray::number(lastSeq));
    return response;
}

Response EventosController::stream(Request &request)
{
    // Resumes after Last-Event-ID (EventSource sends it on reconnecting) or ?since=.
    qint64 resumeAfter = request.raw().header("last-event-id").toLongLong();
    if (resumeAfter <= 0)
        resumeAfter = request.queryValue(QStringLiteral("since")).value_or(QString()).toLongLong();
    auto grant = std::make_shared<LiveGrant>();
    grant->access = request.access();
    grant->resumeAfter = qMax<qint64>(0, resumeAfter);
    Response response(200, QByteArrayLiteral("text/event-stream"), {});
    response.setHeader("Cache-Control", "no-cache");
    response.setHeader("X-Accel-Buffering", "no"); // nginx: pass events on at once
    response.stream = std::move(grant);
    return response;
}

} // namespace tickets::server
