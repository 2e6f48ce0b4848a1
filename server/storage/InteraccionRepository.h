#pragma once
// Interactions (comments, state changes, internal notes) of a ticket in PostgreSQL.

#include "domain/Interaccion.h"
#include "storage/Page.h"

namespace tickets::server {

class Database;

class InteraccionRepository
{
public:
    explicit InteraccionRepository(Database &db) : m_db(db) {}

    // Newest first; nothing when the ticket does not exist.
    std::optional<Page<Interaccion>> listForTicket(const QUuid &ticketId, qint64 skip, qint64 limit);

    // Records the interaction and touches the ticket's fecha_actualizacion.
    // SqlError (foreign key) names the missing ticket or user.
    Interaccion create(const InteraccionCreate &input);

private:
    Database &m_db;
};

} // namespace tickets::server
