#pragma once
// /notificaciones: a support agent's notices and marking one as read.

#include "http/Router.h"

namespace tickets::server {

class NotificacionRepository;

class NotificacionesController
{
public:
    explicit NotificacionesController(NotificacionRepository &notificaciones) : m_notificaciones(notificaciones) {}
    void registerRoutes(Router &router);

private:
    QHttpServerResponse list(Request &request);
    QHttpServerResponse markRead(Request &request);

    NotificacionRepository &m_notificaciones;
};

} // namespace tickets::server
