#pragma once
// Interactions: a ticket's timeline and new comments or notes.

#include "api/Router.h"

namespace tickets::server {

class Access;
class InteraccionRepository;
class ResponseCache;
class TicketRepository;

class InteraccionesController
{
public:
    InteraccionesController(InteraccionRepository &interacciones, TicketRepository &tickets, ResponseCache &cache)
        : m_interacciones(interacciones), m_tickets(tickets), m_cache(cache)
    {}
    void registerRoutes(Router &router);

private:
    Response listForTicket(Request &request);
    Response create(Request &request);

    // 404 unless the caller may see the ticket (always true for staff and the open contract).

    InteraccionRepository &m_interacciones;
    TicketRepository &m_tickets;
    ResponseCache &m_cache;
};

} // namespace tickets::server
