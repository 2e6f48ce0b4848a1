#include "controllers/RespuestasController.h"

#include "api/Replies.h"
#include "api/Request.h"
#include "protocol/ErrorKind.h"
#include "protocol/Messages.h"
#include "protocol/Routes.h"
#include "storage/RespuestaRepository.h"

namespace tickets::server {

using protocol::Error;
namespace msg = protocol::msg;

namespace {
const QString kRespuestaId = QStringLiteral("respuesta_id");

std::optional<qint64> pathId(Request &request)
{
    return validation::asInt(request.pathParam(kRespuestaId), loc(QStringLiteral("path"), kRespuestaId),
                             request.errors(), 1, std::nullopt);
}
} // namespace

void RespuestasController::registerRoutes(Router &router)
{
    router.add("GET", protocol::route::respuestas, [this](Request &r) { return list(r); });
    router.add("POST", protocol::route::respuestas, [this](Request &r) { return create(r); });
    router.add("PATCH", protocol::route::respuesta, [this](Request &r) { return update(r); });
    router.add("DELETE", protocol::route::respuesta, [this](Request &r) { return remove(r); });
}

Response RespuestasController::list(Request &request)
{
    const Access &access = request.access();
    access.require(Permission::UseCannedReplies, msg::sinPermisoRespuestas);
    request.finish();
    return listResponse(m_respuestas.list(access.respuestaAuthorScope()));
}

Response RespuestasController::create(Request &request)
{
    const Access &access = request.access();
    access.require(Permission::UseCannedReplies, msg::sinPermisoRespuestas);
    const auto input = request.body<RespuestaCreate>();
    request.finish();
    // The author is whoever asks (nobody in open mode without a token), never the body.
    return jsonResponse(m_respuestas.create(*input, access.callerId()).toJson());
}

void RespuestasController::requireEditable(const Access &access, qint64 id)
{
    const auto existing = m_respuestas.find(id);
    if (!existing || !access.canSeeRespuestaOf(existing->autorId, existing->compartida))
        throw Error::notFound(msg::respuestaNoEncontrada);
    if (!access.canEditRespuestaOf(existing->autorId))
        throw Error::forbidden(msg::sinPermisoEditarRespuesta);
}

Response RespuestasController::update(Request &request)
{
    const Access &access = request.access();
    access.require(Permission::UseCannedReplies, msg::sinPermisoRespuestas);
    const auto id = pathId(request);
    const auto changes = request.body<RespuestaUpdate>();
    request.finish();
    requireEditable(access, *id);
    // Its author never changes, so the check above still holds; only a delete in between
    // leaves nothing to update.
    const auto updated = m_respuestas.update(*id, *changes);
    if (!updated)
        throw Error::notFound(msg::respuestaNoEncontrada);
    return jsonResponse(updated->toJson());
}

Response RespuestasController::remove(Request &request)
{
    const Access &access = request.access();
    access.require(Permission::UseCannedReplies, msg::sinPermisoRespuestas);
    const auto id = pathId(request);
    request.finish();
    requireEditable(access, *id);
    if (!m_respuestas.remove(*id))
        throw Error::notFound(msg::respuestaNoEncontrada);
    return Response(204, QByteArray(), QByteArray());
}

} // namespace tickets::server
