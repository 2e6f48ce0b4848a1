#include "controllers/PresenciaController.h"

#include "api/Replies.h"
#include "api/Request.h"
#include "protocol/ErrorKind.h"
#include "protocol/Messages.h"
#include "protocol/Routes.h"
#include "redis/PresenceStore.h"
#include "storage/TicketRepository.h"

namespace tickets::server {

using protocol::Error;
namespace msg = protocol::msg;

void PresenciaController::registerRoutes(Router &router)
{
    router.add("GET", protocol::route::ticketPresencia, [this](Request &r) { return list(r); });
}

Response PresenciaController::list(Request &request)
{
    request.access().require(Permission::SharePresence, msg::sinPermisoPresencia);
    const auto id = request.pathUuid(QStringLiteral("ticket_id"));
    request.finish();
    if (!m_tickets.ownerOf(*id))
        throw Error::notFound(msg::ticketNoEncontrado);
    QJsonArray array;
    try {
        for (const PresenceStore::Entry &entry : m_presence.list(*id))
            array.append(entry.toJson());
    } catch (const RedisUnavailable &) {
        throw Error::unavailable(msg::presenciaNoDisponible);
    }
    return jsonResponse(array);
}

} // namespace tickets::server
