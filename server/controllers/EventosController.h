#pragma once
// GET /eventos?since=<seq>&limit=: the events after seq, from the outbox, so a client that was
// disconnected (or saw a gap in seq) catches up instead of reloading everything. Only the events
// the caller may see are listed; X-Last-Seq says how far the scan went, so a client whose page
// was all filtered out still moves on. GET /eventos/stream opens a server-sent event stream,
// which the live hub serves; GET /ws/eventos without an upgrade is told what it needs.

#include "api/Router.h"

namespace tickets::server {

class EventAudience;
class OutboxRepository;

class EventosController
{
public:
    EventosController(OutboxRepository &outbox, EventAudience &audience) : m_outbox(outbox), m_audience(audience) {}
    void registerRoutes(Router &router);

private:
    Response since(Request &request);
    Response stream(Request &request);

    OutboxRepository &m_outbox;
    EventAudience &m_audience;
};

} // namespace tickets::server
