#include "controllers/EventosController.h"

#include "auth/EventAudience.h"
#include "events/Events.h"
#include "http/Request.h"
#include "http/Responses.h"
#include "storage/OutboxRepository.h"

namespace tickets::server {

void EventosController::registerRoutes(Router &router)
{
    router.add("GET", QStringLiteral("/eventos"), [this](Request &r) { return since(r); });
    // The upgrade itself is taken by HttpServer; a plain GET is told what is expected.
    router.add("GET", QStringLiteral("/ws/eventos"), [](Request &) {
        QHttpServerResponse response = errorResponse(426, detail::upgradeRequired);
        response.setHeader("Upgrade", "websocket");
        return response;
    });
}

QHttpServerResponse EventosController::since(Request &request)
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
    QHttpServerResponse response = jsonResponse(QByteArray("[" + payloads.join(',') + "]"));
    response.setHeader("X-Last-Seq", QByteArray::number(lastSeq));
    return response;
}

} // namespace tickets::server
