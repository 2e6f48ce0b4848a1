#pragma once
// /notificaciones: a support agent's notices and marking one as read.

#include "api/Router.h"

#include <QUuid>

namespace tickets::server {

class NotificacionRepository;
class UsuarioRepository;
class Access;

class NotificacionesController
{
public:
    NotificacionesController(NotificacionRepository &notificaciones, UsuarioRepository &usuarios)
        : m_notificaciones(notificaciones), m_usuarios(usuarios)
    {}
    void registerRoutes(Router &router);

private:
    Response list(Request &request);
    Response markRead(Request &request);

    // The caller may see the notifications of `owner` (the role table decides; 403 otherwise).
    bool mayActOn(const Access &access, const QUuid &owner);

    NotificacionRepository &m_notificaciones;
    UsuarioRepository &m_usuarios;
};

} // namespace tickets::server
