#include "controllers/EventosController.h"

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
    const QList<QByteArray> payloads = m_outbox.eventsSince(*seq, static_cast<int>(*limit));
    return jsonResponse(QByteArray("[" + payloads.join(',') + "]"));
}

} // namespace tickets::server
