#include "controllers/TicketsController.h"

#include "api/Replies.h"
#include "api/Request.h"
#include "controllers/CachedResource.h"
#include "controllers/TicketVisibility.h"
#include "protocol/ErrorKind.h"
#include "protocol/Headers.h"
#include "protocol/Messages.h"
#include "protocol/Routes.h"
#include "storage/DatabaseErrors.h"
#include "storage/TicketRepository.h"
#include "storage/UsuarioRepository.h"

#include <QRegularExpression>

namespace tickets::server {

using protocol::Error;
namespace msg = protocol::msg;

using validation::Presence;

namespace {
const QString kTicketId = QStringLiteral("ticket_id");

// The ETag of a ticket's cached JSON: its "version" member (compact JSON, keys in order, so
// the last "version": is the ticket's own; inside a string the quotes would be escaped).
QByteArray etagOfJson(const QByteArray &json)
{
    constexpr QByteArrayView key = "\"version\":";
    const qsizetype at = json.lastIndexOf(key);
    if (at < 0)
        return {};
    qsizetype end = at + key.size();
    while (end < json.size() && json[end] >= '0' && json[end] <= '9')
        ++end;
    return '"' + json.mid(at + key.size(), end - at - key.size()) + '"';
}

Response withEtag(Response response, const QByteArray &etag)
{
    if (!etag.isEmpty())
        response.setHeader(protocol::header::etag, etag);
    return response;
}

// If-Match's versions; nothing when absent (any version will do).
std::optional<QList<qint64>> ifMatch(const Request &request)
{
    return versionsInIfMatch(request.raw().header(protocol::header::ifMatch));
}

// The 412 of an If-Match that no longer holds, and the 404 of a ticket that is not there.
void throwUnlessWritten(WriteOutcome outcome)
{
    if (outcome == WriteOutcome::NotFound)
        throw Error::notFound(msg::ticketNoEncontrado);
    if (outcome == WriteOutcome::VersionChanged)
        throw Error(protocol::ErrorKind::PreconditionFailed, msg::ticketCambiado);
}
} // namespace

void TicketsController::registerRoutes(Router &router)
{
    router.add("GET", protocol::route::ticketResumen, [this](Request &r) { return resumen(r); });
    router.add("GET", protocol::route::ticket, [this](Request &r) { return get(r); });
    router.add("PATCH", protocol::route::ticket, [this](Request &r) { return update(r); });
    router.add("PATCH", protocol::route::ticketEstado, [this](Request &r) { return changeEstado(r); });
    router.add("GET", protocol::route::ticketHistorial, [this](Request &r) { return historial(r); });
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
        return withEtag(jsonResponse(ticket->toJson()), ticket->etag());
    }
    Response response = cachedResource(m_cache, CacheKey::ticket(*id), [&] {
        const auto ticket = m_tickets.find(*id);
        if (!ticket)
            throw Error::notFound(msg::ticketNoEncontrado);
        return *ticket;
    });
    return withEtag(std::move(response), etagOfJson(response.body));
}

Response TicketsController::list(Request &request)
{
    static const QRegularExpression ticketNumber(QStringLiteral("^#([0-9]{1,15})$"));
    const Access &access = request.access();
    TicketFilter filter;
    const auto skip = request.queryInt(QStringLiteral("skip"), 0, 0, protocol::kMaxSkip);
    const auto limit = request.queryInt(QStringLiteral("limit"), 20, 1, 1000);
    const auto orden = request.queryEnum<OrdenTickets>(QStringLiteral("orden"), Presence::Optional);
    filter.orden = orden.value_or(OrdenTickets::CreacionDesc);
    filter.after = request.queryCursor(cursorOrden(filter.orden));
    filter.estados = request.queryEnumList<Estado>(QStringLiteral("estado"));
    filter.prioridades = request.queryEnumList<Prioridad>(QStringLiteral("prioridad"));
    filter.usuarioId = request.queryUuid(QStringLiteral("usuario_id"), Presence::Optional);
    if (const auto asignado = request.queryValue(QStringLiteral("asignado_a"))) {
        if (*asignado == QLatin1String("ninguno")) {
            filter.asignadoA = QUuid();
        } else if (*asignado == QLatin1String("yo")) {
            if (access.callerId().isNull())
                request.errors().append({QStringLiteral("value_error"),
                                         loc(QStringLiteral("query"), QStringLiteral("asignado_a")),
                                         msg::asignadoSinToken,
                                         *asignado,
                                         {}});
            filter.asignadoA = access.callerId();
        } else {
            filter.asignadoA = request.queryUuid(QStringLiteral("asignado_a"), Presence::Optional);
        }
    }
    filter.vencidos = request.queryBool(QStringLiteral("vencidos")).value_or(false);
    if (request.queryValue(QStringLiteral("numero")))
        filter.numero = request.queryInt(QStringLiteral("numero"), 0, 1, std::nullopt);
    filter.q = request.queryString(QStringLiteral("q"), {0, 200}).value_or(QString()).trimmed();
    if (const auto match = ticketNumber.match(filter.q); match.hasMatch()) {
        // "#1234" is ticket number 1234, not the text "#1234".
        filter.numero = match.captured(1).toLongLong();
        filter.q.clear();
    }
    filter.owner = access.ticketOwnerScope();
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

Response TicketsController::update(Request &request)
{
    const Access &access = request.access();
    access.require(Permission::EditTickets, msg::sinPermisoEditarTicket);
    const auto id = request.pathUuid(kTicketId);
    const auto input = request.body<TicketUpdate>();
    request.finish();
    if (input->asignadoA && !input->asignadoA->isNull()) {
        const auto owner = m_usuarios.find(*input->asignadoA);
        if (!owner || !canBeAssigned(owner->rol, owner->activo)) {
            request.errors().append({QStringLiteral("value_error"),
                                     loc(QStringLiteral("body"), QStringLiteral("asignado_a")),
                                     msg::asignadoNoValido,
                                     input->asignadoA->toString(QUuid::WithoutBraces),
                                     {}});
            request.finish();
        }
    }
    const TicketWrite written = m_tickets.update(*id, *input, access.callerId(), ifMatch(request));
    throwUnlessWritten(written.outcome);
    if (written.outcome == WriteOutcome::Done)
        m_cache.invalidate(CacheKey::ticket(*id));
    return withEtag(jsonResponse(written.ticket.toJson()), written.ticket.etag());
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
        throwUnlessWritten(m_tickets.changeEstado(*id, *estado, usuarioId, recordedBy, ifMatch(request)));
    } catch (const SqlError &error) {
        if (error.isForeignKeyViolation())
            throw Error::notFound(msg::usuarioNoEncontrado);
        throw;
    }
    m_cache.invalidate(CacheKey::ticket(*id));
    return jsonResponse(QJsonObject{{QStringLiteral("mensaje"), QStringLiteral("Estado actualizado correctamente")},
                                    {QStringLiteral("estado"), wireName(*estado)}});
}

Response TicketsController::historial(Request &request)
{
    const auto id = request.pathUuid(kTicketId);
    request.finish();
    requireVisibleTicket(m_tickets, request.access(), *id, true);
    QJsonArray changes;
    for (const CambioTicket &cambio : m_tickets.historial(*id))
        changes.append(cambio.toJson());
    return jsonResponse(changes);
}

Response TicketsController::resumen(Request &request)
{
    request.finish();
    if (const auto owner = request.access().ticketOwnerScope())
        return jsonResponse(m_tickets.resumenOf(*owner).toJson());
    return jsonResponse(m_tickets.resumen(request.access().callerId()).toJson());
}

} // namespace tickets::server
