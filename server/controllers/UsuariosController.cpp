#include "controllers/UsuariosController.h"

#include "auth/PasswordHasher.h"
#include "controllers/CachedResource.h"
#include "http/Request.h"
#include "http/Responses.h"
#include "storage/DatabaseErrors.h"
#include "storage/UsuarioRepository.h"

namespace tickets::server {

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
            throw HttpError::badRequest(detail::emailRegistrado);
        throw;
    }
}
} // namespace

void UsuariosController::registerRoutes(Router &router)
{
    router.add("GET", QStringLiteral("/usuarios/{usuario_id}"), [this](Request &r) { return get(r); });
    router.add("PATCH", QStringLiteral("/usuarios/{usuario_id}"), [this](Request &r) { return update(r); });
    router.add("DELETE", QStringLiteral("/usuarios/{usuario_id}"), [this](Request &r) { return deactivate(r); });
    router.add("POST", QStringLiteral("/usuarios"), [this](Request &r) { return create(r); });
    router.add("GET", QStringLiteral("/usuarios"), [this](Request &r) { return list(r); });
}

QHttpServerResponse UsuariosController::get(Request &request)
{
    const auto id = request.pathUuid(kUsuarioId);
    request.finish();
    if (!request.access().canSeeUsuario(*id))
        throw HttpError::notFound(detail::usuarioNoEncontrado);
    return cachedResource(m_cache, CacheKey::usuario(*id), [&] {
        const auto usuario = m_usuarios.find(*id);
        if (!usuario)
            throw HttpError::notFound(detail::usuarioNoEncontrado);
        return *usuario;
    });
}

QHttpServerResponse UsuariosController::list(Request &request)
{
    request.access().require(Permission::ReadUsers, detail::sinPermisoUsuarios);
    UsuarioFilter filter;
    const auto skip = request.queryInt(QStringLiteral("skip"), 0, 0, std::nullopt);
    const auto limit = request.queryInt(QStringLiteral("limit"), 20, 1, 1000);
    filter.activo = request.queryBool(QStringLiteral("activo"));
    request.finish();
    filter.skip = *skip;
    filter.limit = *limit;
    return listResponse(m_usuarios.list(filter));
}

QHttpServerResponse UsuariosController::create(Request &request)
{
    request.access().require(Permission::ManageUsers, detail::sinPermisoGestionUsuarios);
    request.markSensitive();
    const auto input = request.body<UsuarioCreate>();
    request.finish();
    const QByteArray hash = input->password ? PasswordHasher::hash(*input->password) : QByteArray();
    return guardEmail([&] { return jsonResponse(m_usuarios.create(*input, hash).toJson()); });
}

QHttpServerResponse UsuariosController::update(Request &request)
{
    request.access().require(Permission::ManageUsers, detail::sinPermisoGestionUsuarios);
    const auto id = request.pathUuid(kUsuarioId);
    const auto changes = request.body<UsuarioUpdate>();
    request.finish();
    return guardEmail([&] {
        const auto usuario = m_usuarios.update(*id, *changes);
        if (!usuario)
            throw HttpError::notFound(detail::usuarioNoEncontrado);
        m_cache.invalidate(CacheKey::usuario(*id));
        return jsonResponse(usuario->toJson());
    });
}

QHttpServerResponse UsuariosController::deactivate(Request &request)
{
    request.access().require(Permission::ManageUsers, detail::sinPermisoGestionUsuarios);
    const auto id = request.pathUuid(kUsuarioId);
    request.finish();
    const auto usuario = m_usuarios.deactivate(*id);
    if (!usuario)
        throw HttpError::notFound(detail::usuarioNoEncontrado);
    m_cache.invalidate(CacheKey::usuario(*id));
    return jsonResponse(usuario->toJson());
}

} // namespace tickets::server
