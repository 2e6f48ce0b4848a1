#pragma once
// /tickets: read, list with filters and search, open, change state, and the summary of counts.

#include "api/Router.h"

namespace tickets::server {

class TicketRepository;
class ResponseCache;

class TicketsController
{
public:
    TicketsController(TicketRepository &tickets, ResponseCache &cache) : m_tickets(tickets), m_cache(cache) {}
    void registerRoutes(Router &router);

private:
    Response get(Request &request);
    Response list(Request &request);
    Response create(Request &request);
    Response changeEstado(Request &request);
    Response resumen(Request &request);

    TicketRepository &m_tickets;
    ResponseCache &m_cache;
};

} // namespace tickets::server
