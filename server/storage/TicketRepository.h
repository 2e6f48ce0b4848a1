#pragma once
// Tickets in PostgreSQL: lookups, filtered pages, creation, state changes under a row lock,
// and the per-state / per-priority counts kept by statement triggers as deltas
// (09_escritura_sin_esperas.sql: cheap at any table size, and no writer waits on a counter).

#include "domain/Ticket.h"
#include "protocol/Cursor.h"
#include "protocol/Page.h"

namespace tickets::server {

class Database;
class OutboxRepository;

struct TicketFilter
{
    qint64 skip = 0;
    qint64 limit = 20;
    std::optional<Estado> estado;
    std::optional<Prioridad> prioridad;
    std::optional<QUuid> usuarioId;
    std::optional<QUuid> owner;            // the caller's own tickets only (role usuario); ANDed with usuarioId
    QString q;                             // text searched in titulo and descripcion, case- and accent-insensitive
    std::optional<protocol::Cursor> after; // keyset paging: the page after this one (skip is then 0)
};

class TicketRepository
{
public:
    TicketRepository(Database &db, OutboxRepository &outbox) : m_db(db), m_outbox(outbox) {}

    std::optional<Ticket> find(const QUuid &id);
    std::optional<QUuid> ownerOf(const QUuid &id);
    protocol::Page<Ticket> list(const TicketFilter &filter);
    Ticket create(const TicketCreate &input); // SqlError (foreign key) when the user does not exist

    // Locks the ticket, changes its state and records the cambio_estado interaction, in one
    // transaction. False when there is no such ticket; SqlError (foreign key) for an unknown user.
    // `registradoPor`: staff who made the change on usuarioId's behalf, or null.
    bool changeEstado(const QUuid &id, Estado estado, const QUuid &usuarioId, const QUuid &registradoPor = {});

    TicketResumen resumen();
    // Folds the count deltas into the base counts; returns how many delta rows it folded.
    qint64 foldCounts();
    TicketResumen resumenOf(const QUuid &owner); // one user's tickets (counted, not from the counters)

private:
    TicketResumen resumenFrom(const QString &sql, const QUuid &owner); // rows of (estado, prioridad, total)

    Database &m_db;
    OutboxRepository &m_outbox;
};

// A text search counts its matches up to this many (X-Total-Count-Capped beyond): counting
// every match of a common word would cost more than the page itself.
inline constexpr qint64 kSearchCountCap = 1000;

// LIKE pattern characters in user text are matched literally.
QString escapeLike(QString text);

} // namespace tickets::server
