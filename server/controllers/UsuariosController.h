#pragma once
// /usuarios: read, list, create, change and deactivate users.

#include "http/Router.h"

namespace tickets::server {

class UsuarioRepository;
class ResponseCache;

class UsuariosController
{
public:
    UsuariosController(UsuarioRepository &usuarios, ResponseCache &cache) : m_usuarios(usuarios), m_cache(cache) {}
    void registerRoutes(Router &router);

private:
    QHttpServerResponse get(Request &request);
    QHttpServerResponse list(Request &request);
    QHttpServerResponse create(Request &request);
    QHttpServerResponse update(Request &request);
    QHttpServerResponse deactivate(Request &request);

    UsuarioRepository &m_usuarios;
    ResponseCache &m_cache;
};

} // namespace tickets::server
