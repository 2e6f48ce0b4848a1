#include "controllers/NotificacionesController.h"

#include "api/Replies.h"
#include "api/Request.h"
#include "protocol/ErrorKind.h"
#include "protocol/Messages.h"
#include "protocol/Routes.h"
#include "storage/NotificacionRepository.h"

namespace tickets::server {

using protocol::Error;
namespace msg = protocol::msg;

using validation::Presence;

void NotificacionesController::registerRoutes(Router &router)
{
    router.add("GET", protocol::route::notificaciones, [this](Request &r) { return list(r); });
    router.add("PATCH", protocol::route::notificacionLeida, [this](Request &r) { return markRead(r); });
}

Response NotificacionesController::list(Request &request)
{
    const auto usuarioId = request.queryUuid(QStringLiteral("usuario_id"), Presence::Required);
    const auto soloNoLeidas = request.queryBool(QStringLiteral("solo_no_leidas"));
    const auto skip = request.queryInt(QStringLiteral("skip"), 0, 0, protocol::kMaxSkip);
    const auto limit = request.queryInt(QStringLiteral("limit"), 50, 1, 1000);
    const auto after = request.queryCursor();
    request.finish();
    const Access &access = request.access();
    if (!access.allows(Permission::ReadUsers) && *usuarioId != access.callerId())
        throw Error::forbidden(msg::sinPermisoNotificaciones);
    return listResponse(m_notificaciones.list(*usuarioId, soloNoLeidas.value_or(false), *skip, *limit, after),
                        &request.raw());
}

Response NotificacionesController::markRead(Request &request)
{
    const auto id = validation::asInt(request.pathParam(QStringLiteral("notificacion_id")),
                                      loc(QStringLiteral("path"), QStringLiteral("notificacion_id")), request.errors(),
                                      1, std::nullopt);
    request.finish();
    const Access &access = request.access();
    // Only its recipient (or staff) marks a notification read; others do not learn it exists.
    if (!access.allows(Permission::ReadUsers)) {
        const auto existing = m_notificaciones.find(*id);
        if (!existing || existing->usuarioId != access.callerId())
            throw Error::notFound(msg::notificacionNoEncontrada);
    }
    const auto notificacion = m_notificaciones.markRead(*id);
    if (!notificacion)
        throw Error::notFound(msg::notificacionNoEncontrada);
    return jsonResponse(notificacion->toJson());
}

} // namespace tickets::server
