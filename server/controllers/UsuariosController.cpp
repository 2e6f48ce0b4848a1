#include "controllers/UsuariosController.h"

#include "api/Replies.h"
#include "api/Request.h"
#include "auth/Authenticator.h"
#include "auth/PasswordHasher.h"
#include "controllers/CachedResource.h"
#include "protocol/ErrorKind.h"
#include "protocol/Messages.h"
#include "protocol/Routes.h"
#include "storage/DatabaseErrors.h"
#include "storage/UsuarioRepository.h"

namespace tickets::server {

using protocol::Error;
namespace msg = protocol::msg;

namespace {
const QString kUsuarioId = QStringLiteral("usuario_id");
const QString kEmailConstraint = QStringLiteral("usuarios_email_key");

// A duplicate address reads the same from create and update.
template <typename Work> auto guardEmail(Work &&work)
{
    try {
        return work();
    } catch (const SqlError &error) {
        if (error.isUniqueViolation() && error.mentions(kEmailConstraint))
            throw Error::badRequest(msg::emailRegistrado);
        throw;
    }
}
} // namespace

void UsuariosController::registerRoutes(Router &router)
{
    router.add("GET", protocol::route::usuario, [this](Request &r) { return get(r); });
    router.add("PATCH", protocol::route::usuario, [this](Request &r) { return update(r); });
    router.add("DELETE", protocol::route::usuario, [this](Request &r) { return deactivate(r); });
    router.add("POST", protocol::route::usuarios, [this](Request &r) { return create(r); });
    router.add("GET", protocol::route::usuarios, [this](Request &r) { return list(r); });
}

Response UsuariosController::get(Request &request)
{
    const auto id = request.pathUuid(kUsuarioId);
    request.finish();
    if (!request.access().canSeeUsuario(*id))
        throw Error::notFound(msg::usuarioNoEncontrado);
    return cachedResource(m_cache, CacheKey::usuario(*id), [&] {
        const auto usuario = m_usuarios.find(*id);
        if (!usuario)
            throw Error::notFound(msg::usuarioNoEncontrado);
        return *usuario;
    });
}

Response UsuariosController::list(Request &request)
{
    request.access().require(Permission::ReadUsers, msg::sinPermisoUsuarios);
    UsuarioFilter filter;
    const auto skip = request.queryInt(QStringLiteral("skip"), 0, 0, protocol::kMaxSkip);
    const auto limit = request.queryInt(QStringLiteral("limit"), 20, 1, 1000);
    filter.activo = request.queryBool(QStringLiteral("activo"));
    filter.after = request.queryCursor();
    request.finish();
    filter.skip = *skip;
    filter.limit = *limit;
    return listResponse(m_usuarios.list(filter), &request.raw());
}

Response UsuariosController::create(Request &request)
{
    request.access().require(Permission::ManageUsers, msg::sinPermisoGestionUsuarios);
    request.markSensitive();
    const auto input = request.body<UsuarioCreate>();
    request.finish();
    const QByteArray hash = input->password ? PasswordHasher::hash(*input->password) : QByteArray();
    return guardEmail([&] { return jsonResponse(m_usuarios.create(*input, hash).toJson()); });
}

Response UsuariosController::update(Request &request)
{
    request.access().require(Permission::ManageUsers, msg::sinPermisoGestionUsuarios);
    const auto id = request.pathUuid(kUsuarioId);
    const auto changes = request.body<UsuarioUpdate>();
    request.finish();
    return guardEmail([&] {
        const auto usuario = m_usuarios.update(*id, *changes);
        if (!usuario)
            throw Error::notFound(msg::usuarioNoEncontrado);
        m_cache.invalidate(CacheKey::usuario(*id));
        m_auth.usuarioChanged(*id);
        return jsonResponse(usuario->toJson());
    });
}

Response UsuariosController::deactivate(Request &request)
{
    request.access().require(Permission::ManageUsers, msg::sinPermisoGestionUsuarios);
    const auto id = request.pathUuid(kUsuarioId);
    request.finish();
    const auto usuario = m_usuarios.deactivate(*id);
    if (!usuario)
        throw Error::notFound(msg::usuarioNoEncontrado);
    m_cache.invalidate(CacheKey::usuario(*id));
    m_auth.usuarioChanged(*id);
    return jsonResponse(usuario->toJson());
}

} // namespace tickets::server
