#pragma once
// /tickets: read, list with filters and search, open, change state, and the summary of counts.

#include "http/Router.h"

namespace tickets::server {

class TicketRepository;
class ResponseCache;

class TicketsController
{
public:
    TicketsController(TicketRepository &tickets, ResponseCache &cache) : m_tickets(tickets), m_cache(cache) {}
    void registerRoutes(Router &router);

private:
    QHttpServerResponse get(Request &request);
    QHttpServerResponse list(Request &request);
    QHttpServerResponse create(Request &request);
    QHttpServerResponse changeEstado(Request &request);
    QHttpServerResponse resumen(Request &request);

    TicketRepository &m_tickets;
    ResponseCache &m_cache;
};

} // namespace tickets::server
