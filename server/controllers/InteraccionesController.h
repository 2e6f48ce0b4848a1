#pragma once
// Interactions: a ticket's timeline and new comments or notes.

#include "http/Router.h"

namespace tickets::server {

class InteraccionRepository;

class InteraccionesController
{
public:
    explicit InteraccionesController(InteraccionRepository &interacciones) : m_interacciones(interacciones) {}
    void registerRoutes(Router &router);

private:
    QHttpServerResponse listForTicket(Request &request);
    QHttpServerResponse create(Request &request);

    InteraccionRepository &m_interacciones;
};

} // namespace tickets::server
