#include "controllers/InteraccionesController.h"

#include "http/Request.h"
#include "http/Responses.h"
#include "redis/ResponseCache.h"
#include "storage/DatabaseErrors.h"
#include "storage/InteraccionRepository.h"

namespace tickets::server {

void InteraccionesController::registerRoutes(Router &router)
{
    router.add("GET", QStringLiteral("/tickets/{ticket_id}/interacciones"), [this](Request &r) { return listForTicket(r); });
    router.add("POST", QStringLiteral("/interacciones"), [this](Request &r) { return create(r); });
}

QHttpServerResponse InteraccionesController::listForTicket(Request &request)
{
    const auto id = request.pathUuid(QStringLiteral("ticket_id"));
    const auto skip = request.queryInt(QStringLiteral("skip"), 0, 0, std::nullopt);
    const auto limit = request.queryInt(QStringLiteral("limit"), rules::interaccionesPorPagina, 1, 1000);
    request.finish();
    const auto page = m_interacciones.listForTicket(*id, *skip, *limit);
    if (!page)
        throw HttpError::notFound(detail::ticketNoEncontrado);
    return listResponse(*page);
}

QHttpServerResponse InteraccionesController::create(Request &request)
{
    const auto input = request.body<InteraccionCreate>();
    request.finish();
    try {
        const Interaccion created = m_interacciones.create(*input);
        m_cache.invalidate(CacheKey::ticket(created.ticketId)); // its fecha_actualizacion moved
        return jsonResponse(created.toJson());
    } catch (const SqlError &error) {
        if (error.isForeignKeyViolation() && error.mentions(QStringLiteral("interacciones_ticket_id_fkey")))
            throw HttpError::notFound(detail::ticketNoEncontrado);
        if (error.isForeignKeyViolation())
            throw HttpError::notFound(detail::usuarioNoEncontrado);
        throw;
    }
}

} // namespace tickets::server
