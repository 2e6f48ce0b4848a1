#include "controllers/TicketsController.h"

#include "api/Replies.h"
#include "api/Request.h"
#include "controllers/CachedResource.h"
#include "protocol/ErrorKind.h"
#include "protocol/Messages.h"
#include "protocol/Routes.h"
#include "storage/DatabaseErrors.h"
#include "storage/TicketRepository.h"

namespace tickets::server {

using protocol::Error;
namespace msg = protocol::msg;

using validation::Presence;

namespace {
const QString kTicketId = QStringLiteral("ticket_id");
} // namespace

void TicketsController::registerRoutes(Router &router)
{
    router.add("GET", protocol::route::ticketResumen, [this](Request &r) { return resumen(r); });
    router.add("GET", protocol::route::ticket, [this](Request &r) { return get(r); });
    router.add("PATCH", protocol::route::ticketEstado, [this](Request &r) { return changeEstado(r); });
    router.add("POST", protocol::route::tickets, [this](Request &r) { return create(r); });
    router.add("GET", protocol::route::tickets, [this](Request &r) { return list(r); });
}

Response TicketsController::get(Request &request)
{
    const auto id = request.pathUuid(kTicketId);
    request.finish();
    if (request.access().ticketOwnerScope()) {
        // Someone else's ticket is "not found": its existence does not leak.
        const auto ticket = m_tickets.find(*id);
        if (!ticket || !request.access().canSeeTicketOf(ticket->usuarioId))
            throw Error::notFound(msg::ticketNoEncontrado);
        return jsonResponse(ticket->toJson());
    }
    return cachedResource(m_cache, CacheKey::ticket(*id), [&] {
        const auto ticket = m_tickets.find(*id);
        if (!ticket)
            throw Error::notFound(msg::ticketNoEncontrado);
        return *ticket;
    });
}

Response TicketsController::list(Request &request)
{
    TicketFilter filter;
    const auto skip = request.queryInt(QStringLiteral("skip"), 0, 0, protocol::kMaxSkip);
    const auto limit = request.queryInt(QStringLiteral("limit"), 20, 1, 1000);
    filter.after = request.queryCursor();
    filter.estado = request.queryEnum<Estado>(QStringLiteral("estado"), Presence::Optional);
    filter.prioridad = request.queryEnum<Prioridad>(QStringLiteral("prioridad"), Presence::Optional);
    filter.usuarioId = request.queryUuid(QStringLiteral("usuario_id"), Presence::Optional);
    filter.q = request.queryString(QStringLiteral("q"), {0, 200}).value_or(QString()).trimmed();
    filter.owner = request.access().ticketOwnerScope();
    request.finish();
    filter.skip = *skip;
    filter.limit = *limit;
    return listResponse(m_tickets.list(filter), &request.raw());
}

Response TicketsController::create(Request &request)
{
    const Access &access = request.access();
    auto input = request.body<TicketCreate>(callerDefaults(access));
    request.finish();
    // A ticket for someone else is staff work.
    input->usuarioId = *access.actingUser(input->usuarioId, nullptr);
    try {
        return jsonResponse(m_tickets.create(*input).toJson());
    } catch (const SqlError &error) {
        if (error.isForeignKeyViolation())
            throw Error::notFound(msg::usuarioNoEncontrado);
        throw;
    }
}

Response TicketsController::changeEstado(Request &request)
{
    const Access &access = request.access();
    access.require(Permission::ChangeEstado, msg::sinPermisoEstado);
    const auto id = request.pathUuid(kTicketId);
    const auto estado = request.queryEnum<Estado>(QStringLiteral("nuevo_estado"), Presence::Required);
    // The contract requires usuario_id; with a token it defaults to the caller.
    const auto given =
        request.queryUuid(QStringLiteral("usuario_id"), access.caller() ? Presence::Optional : Presence::Required);
    request.finish();
    QUuid recordedBy;
    const QUuid usuarioId = *access.actingUser(given, &recordedBy);
    try {
        if (!m_tickets.changeEstado(*id, *estado, usuarioId, recordedBy))
            throw Error::notFound(msg::ticketNoEncontrado);
    } catch (const SqlError &error) {
        if (error.isForeignKeyViolation())
            throw Error::notFound(msg::usuarioNoEncontrado);
        throw;
    }
    m_cache.invalidate(CacheKey::ticket(*id));
    return jsonResponse(QJsonObject{{QStringLiteral("mensaje"), QStringLiteral("Estado actualizado correctamente")},
                                    {QStringLiteral("estado"), wireName(*estado)}});
}

Response TicketsController::resumen(Request &request)
{
    request.finish();
    if (const auto owner = request.access().ticketOwnerScope())
        return jsonResponse(m_tickets.resumenOf(*owner).toJson());
    return jsonResponse(m_tickets.resumen().toJson());
}

} // namespace tickets::server
