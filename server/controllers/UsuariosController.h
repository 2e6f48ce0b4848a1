#pragma once
// /usuarios: read, list, create, change and deactivate users.

#include "api/Router.h"

namespace tickets::server {

class Authenticator;

class UsuarioRepository;
class ResponseCache;

class UsuariosController
{
public:
    UsuariosController(UsuarioRepository &usuarios, ResponseCache &cache, Authenticator &auth)
        : m_usuarios(usuarios), m_cache(cache), m_auth(auth)
    {}
    void registerRoutes(Router &router);

private:
    Response get(Request &request);
    Response list(Request &request);
    Response create(Request &request);
    Response update(Request &request);
    Response deactivate(Request &request);

    UsuarioRepository &m_usuarios;
    ResponseCache &m_cache;
    Authenticator &m_auth;
};

} // namespace tickets::server
