#pragma once
// GET /eventos?since=<seq>&limit=: the events after seq, from the outbox, so a client that was
// disconnected (or saw a gap in seq) catches up instead of reloading everything.

#include "http/Router.h"

namespace tickets::server {

class OutboxRepository;

class EventosController
{
public:
    explicit EventosController(OutboxRepository &outbox) : m_outbox(outbox) {}
    void registerRoutes(Router &router);

private:
    QHttpServerResponse since(Request &request);

    OutboxRepository &m_outbox;
};

} // namespace tickets::server
