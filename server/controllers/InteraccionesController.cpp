#include "controllers/InteraccionesController.h"

#include "api/Replies.h"
#include "api/Request.h"
#include "controllers/TicketVisibility.h"
#include "protocol/ErrorKind.h"
#include "protocol/Messages.h"
#include "protocol/Routes.h"
#include "redis/ResponseCache.h"
#include "storage/DatabaseErrors.h"
#include "storage/InteraccionRepository.h"
#include "storage/TicketRepository.h"

namespace tickets::server {

using protocol::Error;
namespace msg = protocol::msg;

void InteraccionesController::registerRoutes(Router &router)
{
    router.add("GET", protocol::route::ticketInteracciones, [this](Request &r) { return listForTicket(r); });
    router.add("POST", protocol::route::interacciones, [this](Request &r) { return create(r); });
}

Response InteraccionesController::listForTicket(Request &request)
{
    const auto id = request.pathUuid(QStringLiteral("ticket_id"));
    const auto skip = request.queryInt(QStringLiteral("skip"), 0, 0, protocol::kMaxSkip);
    const auto limit = request.queryInt(QStringLiteral("limit"), rules::interaccionesPorPagina, 1, 1000);
    const auto after = request.queryCursor();
    request.finish();
    const Access &access = request.access();
    requireVisibleTicket(m_tickets, access, *id);
    const auto page =
        m_interacciones.listForTicket(*id, *skip, *limit, access.allows(Permission::SeeInternalNotes), after);
    if (!page)
        throw Error::notFound(msg::ticketNoEncontrado);
    return listResponse(*page, &request.raw());
}

Response InteraccionesController::create(Request &request)
{
    const Access &access = request.access();
    auto input = request.body<InteraccionCreate>(callerDefaults(access));
    request.finish();
    if (input->tipo == TipoInteraccion::NotaInterna)
        access.require(Permission::SeeInternalNotes, msg::sinPermisoNotaInterna);
    // A cambio_estado posted by hand would look like a real state change.
    if (input->tipo == TipoInteraccion::CambioEstado)
        access.require(Permission::RecordEstado, msg::sinPermisoCambioEstado);
    requireVisibleTicket(m_tickets, access, input->ticketId);
    QUuid recordedBy;
    input->usuarioId = access.actingUser(input->usuarioId, &recordedBy).value_or(QUuid());
    try {
        const Interaccion created = m_interacciones.create(*input, recordedBy);
        m_cache.invalidate(CacheKey::ticket(created.ticketId)); // its fecha_actualizacion moved
        return jsonResponse(created.toJson());
    } catch (const SqlError &error) {
        if (error.isForeignKeyViolation() && error.mentions(QStringLiteral("interacciones_ticket_id_fkey")))
            throw Error::notFound(msg::ticketNoEncontrado);
        if (error.isForeignKeyViolation())
            throw Error::notFound(msg::usuarioNoEncontrado);
        throw;
    }
}

} // namespace tickets::server
