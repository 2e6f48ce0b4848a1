#pragma once
#include "protocol/Cursor.h"
// Interactions (comments, state changes, internal notes) of a ticket in PostgreSQL.

#include "domain/Interaccion.h"
#include "protocol/Page.h"

namespace tickets::server {

class Database;
class OutboxRepository;

class InteraccionRepository
{
public:
    InteraccionRepository(Database &db, OutboxRepository &outbox) : m_db(db), m_outbox(outbox) {}

    // Newest first; nothing when the ticket does not exist. Without `internalNotes` the
    // nota_interna entries are neither listed nor counted.
    std::optional<protocol::Page<Interaccion>> listForTicket(const QUuid &ticketId, qint64 skip, qint64 limit,
                                                             bool internalNotes = true,
                                                             const std::optional<protocol::Cursor> &after = {});

    // Records the interaction and touches the ticket's fecha_actualizacion. `registradoPor`:
    // staff who wrote it on input.usuarioId's behalf, or null.
    // SqlError (foreign key) names the missing ticket or user.
    Interaccion create(const InteraccionCreate &input, const QUuid &registradoPor = {});

private:
    Database &m_db;
    OutboxRepository &m_outbox;
};

} // namespace tickets::server
