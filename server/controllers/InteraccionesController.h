#pragma once
// Interactions: a ticket's timeline and new comments or notes.

#include "http/Router.h"

namespace tickets::server {

class InteraccionRepository;
class ResponseCache;

class InteraccionesController
{
public:
    InteraccionesController(InteraccionRepository &interacciones, ResponseCache &cache)
        : m_interacciones(interacciones), m_cache(cache)
    {
    }
    void registerRoutes(Router &router);

private:
    QHttpServerResponse listForTicket(Request &request);
    QHttpServerResponse create(Request &request);

    InteraccionRepository &m_interacciones;
    ResponseCache &m_cache;
};

} // namespace tickets::server
