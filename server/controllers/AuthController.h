#pragma once
// Login, logout, "who am I", and password changes:
//   POST /auth/login, POST /auth/logout, GET /auth/me, PUT /usuarios/{usuario_id}/password

#include "api/Router.h"

namespace tickets::server {

class Authenticator;
class UsuarioRepository;

class AuthController
{
public:
    AuthController(Authenticator &authenticator, UsuarioRepository &usuarios)
        : m_auth(authenticator), m_usuarios(usuarios)
    {}
    void registerRoutes(Router &router);

private:
    Response login(Request &request);
    Response logout(Request &request);
    Response me(Request &request);
    Response liveTicket(Request &request);
    Response changePassword(Request &request);

    Authenticator &m_auth;
    UsuarioRepository &m_usuarios;
};

} // namespace tickets::server
