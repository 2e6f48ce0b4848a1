#pragma once
// /tickets: read, list with filters and search, open, change state, and the summary of counts.

#include "http/Router.h"

namespace tickets::server {

class TicketRepository;

class TicketsController
{
public:
    explicit TicketsController(TicketRepository &tickets) : m_tickets(tickets) {}
    void registerRoutes(Router &router);

private:
    QHttpServerResponse get(Request &request);
    QHttpServerResponse list(Request &request);
    QHttpServerResponse create(Request &request);
    QHttpServerResponse changeEstado(Request &request);
    QHttpServerResponse resumen(Request &request);

    TicketRepository &m_tickets;
};

} // namespace tickets::server
