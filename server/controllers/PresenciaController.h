#pragma once
// GET /tickets/{ticket_id}/presencia: who of the staff is viewing or writing on the ticket now,
// across every instance (PresenceStore, in Redis). Staff only. Presence lives only in Redis, so
// with Redis away the answer is 503: an empty list would tell an agent nobody else is there.

#include "api/Router.h"

namespace tickets::server {

class PresenceStore;
class TicketRepository;

class PresenciaController
{
public:
    PresenciaController(TicketRepository &tickets, PresenceStore &presence) : m_tickets(tickets), m_presence(presence)
    {}
    void registerRoutes(Router &router);

private:
    Response list(Request &request);

    TicketRepository &m_tickets;
    PresenceStore &m_presence;
};

} // namespace tickets::server
