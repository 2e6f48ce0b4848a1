#pragma once
// /usuarios: read, list, create, change and deactivate users.

#include "http/Router.h"

namespace tickets::server {

class UsuarioRepository;

class UsuariosController
{
public:
    explicit UsuariosController(UsuarioRepository &usuarios) : m_usuarios(usuarios) {}
    void registerRoutes(Router &router);

private:
    QHttpServerResponse get(Request &request);
    QHttpServerResponse list(Request &request);
    QHttpServerResponse create(Request &request);
    QHttpServerResponse update(Request &request);
    QHttpServerResponse deactivate(Request &request);

    UsuarioRepository &m_usuarios;
};

} // namespace tickets::server
