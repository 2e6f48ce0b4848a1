#include "controllers/AuthController.h"

#include "api/Replies.h"
#include "api/Request.h"
#include "auth/Authenticator.h"
#include "auth/PasswordHasher.h"
#include "protocol/ErrorKind.h"
#include "protocol/Messages.h"
#include "protocol/Routes.h"
#include "storage/UsuarioRepository.h"

namespace tickets::server {

using protocol::Error;
namespace msg = protocol::msg;

void AuthController::registerRoutes(Router &router)
{
    // The password check has a pool of its own (PasswordHasher): the event loop only starts it.
    router.add(
        "POST", protocol::route::authLogin, [this](Request &r) { return login(r); }, RouteAccess::Public,
        RouteExecution::Inline);
    router.add("POST", protocol::route::authLogout, [this](Request &r) { return logout(r); });
    router.add("GET", protocol::route::authMe, [this](Request &r) { return me(r); });
    router.add("POST", protocol::route::authWsTicket, [this](Request &r) { return liveTicket(r); });
    router.add("PUT", protocol::route::usuarioPassword, [this](Request &r) { return changePassword(r); });
}

Response AuthController::login(Request &request)
{
    request.markSensitive();
    request.access().requireCredentialsAllowed();
    const auto credentials = request.body<LoginRequest>();
    request.finish();
    auto attempt =
        m_auth.startLogin(*credentials, m_auth.clientAddress(request.raw().peer, request.raw().header("x-real-ip")));
    // Answered once the password check is done, off this thread's event loop.
    Response pending;
    pending.deferred = std::make_shared<http::Deferred>(
        http::Deferred{QFuture<void>(attempt.password),
                       [conclude = std::move(attempt.conclude)] { return jsonResponse(conclude().toJson()); },
                       {}});
    return pending;
}

Response AuthController::logout(Request &request)
{
    request.finish();
    m_auth.logout(request.access());
    return Response(204, QByteArray(), QByteArray());
}

Response AuthController::liveTicket(Request &request)
{
    request.finish();
    const QByteArray ticket = m_auth.issueLiveTicket(request.access());
    return jsonResponse(QJsonObject{{QStringLiteral("ticket"), QString::fromLatin1(ticket)},
                                    {QStringLiteral("expires_in"), Authenticator::kLiveTicketSeconds}});
}

Response AuthController::me(Request &request)
{
    request.finish();
    // Open contract without a token: there is nobody to describe.
    if (!request.access().caller())
        throw Error::unauthenticated();
    return jsonResponse(request.access().caller()->toJson());
}

Response AuthController::changePassword(Request &request)
{
    request.markSensitive();
    const Access &access = request.access();
    access.requireCredentialsAllowed();
    const auto id = request.pathUuid(QStringLiteral("usuario_id"));
    const auto change = request.body<PasswordChange>();
    request.finish();

    const bool own = access.caller() && access.callerId() == *id;
    if (!own) {
        if (!access.canSeeUsuario(*id))
            throw Error::notFound(msg::usuarioNoEncontrado);
        access.require(Permission::ManageUsers, msg::sinPermisoGestionUsuarios);
    }
    const auto account = m_usuarios.credentials(*id);
    if (!account)
        throw Error::notFound(msg::usuarioNoEncontrado);
    // One's own password changes with the old one, even for an admin.
    if (own) {
        if (!change->passwordActual)
            throw Error::badRequest(msg::passwordActualRequerida);
        if (!PasswordHasher::verify(account->passwordHash, *change->passwordActual))
            throw Error::badRequest(msg::passwordActualIncorrecta);
    }
    m_usuarios.setPasswordHash(*id, PasswordHasher::hash(change->passwordNuevo));
    // Whoever knew the old password is logged out; the one changing their own stays in.
    m_auth.endSessionsOf(*id, own ? access.tokenHash() : QByteArray());
    return jsonResponse(
        QJsonObject{{QStringLiteral("mensaje"), QStringLiteral("Contraseña actualizada correctamente")}});
}

} // namespace tickets::server
