#include "controllers/AuthController.h"

#include "auth/Authenticator.h"
#include "auth/PasswordHasher.h"
#include "http/Request.h"
#include "http/Responses.h"
#include "storage/UsuarioRepository.h"

namespace tickets::server {

void AuthController::registerRoutes(Router &router)
{
    router.add("POST", QStringLiteral("/auth/login"), [this](Request &r) { return login(r); }, RouteAccess::Public);
    router.add("POST", QStringLiteral("/auth/logout"), [this](Request &r) { return logout(r); });
    router.add("GET", QStringLiteral("/auth/me"), [this](Request &r) { return me(r); });
    router.add("PUT", QStringLiteral("/usuarios/{usuario_id}/password"), [this](Request &r) { return changePassword(r); });
}

QHttpServerResponse AuthController::login(Request &request)
{
    request.markSensitive();
    const auto credentials = request.body<LoginRequest>();
    request.finish();
    return jsonResponse(m_auth.login(*credentials, m_auth.clientAddress(request.raw())).toJson());
}

QHttpServerResponse AuthController::logout(Request &request)
{
    request.finish();
    m_auth.logout(request.access());
    return QHttpServerResponse(QHttpServerResponse::StatusCode::NoContent);
}

QHttpServerResponse AuthController::me(Request &request)
{
    request.finish();
    // Open contract without a token: there is nobody to describe.
    if (!request.access().caller())
        throw HttpError::unauthenticated();
    return jsonResponse(request.access().caller()->toJson());
}

QHttpServerResponse AuthController::changePassword(Request &request)
{
    request.markSensitive();
    const Access &access = request.access();
    const auto id = request.pathUuid(QStringLiteral("usuario_id"));
    const auto change = request.body<PasswordChange>();
    request.finish();

    const bool own = access.caller() && access.callerId() == *id;
    if (!own) {
        if (!access.canSeeUsuario(*id))
            throw HttpError::notFound(detail::usuarioNoEncontrado);
        access.require(Permission::ManageUsers, detail::sinPermisoGestionUsuarios);
    }
    const auto account = m_usuarios.credentials(*id);
    if (!account)
        throw HttpError::notFound(detail::usuarioNoEncontrado);
    // One's own password changes with the old one, even for an admin.
    if (own) {
        if (!change->passwordActual)
            throw HttpError::badRequest(detail::passwordActualRequerida);
        if (!PasswordHasher::verify(account->passwordHash, *change->passwordActual))
            throw HttpError::badRequest(detail::passwordActualIncorrecta);
    }
    m_usuarios.setPasswordHash(*id, PasswordHasher::hash(change->passwordNuevo));
    // Whoever knew the old password is logged out; the one changing their own stays in.
    m_auth.endSessionsOf(*id, own ? access.tokenHash() : QByteArray());
    return jsonResponse(QJsonObject{{QStringLiteral("mensaje"), QStringLiteral("Contraseña actualizada correctamente")}});
}

} // namespace tickets::server
