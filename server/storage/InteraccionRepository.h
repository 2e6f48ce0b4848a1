#pragma once
// Interactions (comments, state changes, internal notes) of a ticket in PostgreSQL.

#include "domain/Interaccion.h"
#include "storage/Page.h"

namespace tickets::server {

class Database;
class OutboxRepository;

class InteraccionRepository
{
public:
    InteraccionRepository(Database &db, OutboxRepository &outbox) : m_db(db), m_outbox(outbox) {}

    // Newest first; nothing when the ticket does not exist.
    std::optional<Page<Interaccion>> listForTicket(const QUuid &ticketId, qint64 skip, qint64 limit);

    // Records the interaction and touches the ticket's fecha_actualizacion.
    // SqlError (foreign key) names the missing ticket or user.
    Interaccion create(const InteraccionCreate &input);

private:
    Database &m_db;
    OutboxRepository &m_outbox;
};

} // namespace tickets::server
