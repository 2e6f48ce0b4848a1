#pragma once
// /notificaciones: a support agent's notices and marking one as read.

#include "api/Router.h"

namespace tickets::server {

class NotificacionRepository;

class NotificacionesController
{
public:
    explicit NotificacionesController(NotificacionRepository &notificaciones) : m_notificaciones(notificaciones) {}
    void registerRoutes(Router &router);

private:
    Response list(Request &request);
    Response markRead(Request &request);

    NotificacionRepository &m_notificaciones;
};

} // namespace tickets::server
