#pragma once
// /tickets: read, list with filters, orders and search, open, edit (with If-Match), change
// state, the history of changes, and the summary of counts.

#include "api/Router.h"

namespace tickets::server {

class TicketRepository;
class UsuarioRepository;
class ResponseCache;

class TicketsController
{
public:
    TicketsController(TicketRepository &tickets, UsuarioRepository &usuarios, ResponseCache &cache)
        : m_tickets(tickets), m_usuarios(usuarios), m_cache(cache)
    {}
    void registerRoutes(Router &router);

private:
    Response get(Request &request);
    Response list(Request &request);
    Response create(Request &request);
    Response update(Request &request);
    Response changeEstado(Request &request);
    Response historial(Request &request);
    Response resumen(Request &request);

    TicketRepository &m_tickets;
    UsuarioRepository &m_usuarios;
    ResponseCache &m_cache;
};

} // namespace tickets::server
