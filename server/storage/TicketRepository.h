#pragma once
// Tickets in PostgreSQL: lookups, filtered pages in every order, creation, edits and state
// changes under a row lock with their history and their due times, and the counts kept by
// statement triggers as deltas (09_escritura_sin_esperas.sql, 11_trabajo_en_equipo.sql:
// cheap at any table size, and no writer waits on a counter).

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
    QList<Estado> estados;        // any of these (none: every state)
    QList<Prioridad> prioridades; // any of these
    std::optional<QUuid> usuarioId;
    std::optional<QUuid> asignadoA; // a null QUuid: unassigned tickets only
    bool vencidos = false;          // past their vence_en only
    std::optional<qint64> numero;
    OrdenTickets orden = OrdenTickets::CreacionDesc;
    std::optional<QUuid> owner;            // the caller's own tickets only (role usuario); ANDed with usuarioId
    QString q;                             // text searched in titulo and descripcion, case- and accent-insensitive
    std::optional<protocol::Cursor> after; // keyset paging: the page after this one (skip is then 0)
};

// What became of an edit or a state change.
enum class WriteOutcome {
    Done,
    Unchanged, // every value was already the ticket's: no version, event or history
    NotFound,
    VersionChanged, // If-Match named another version: nothing changed
};

struct TicketWrite
{
    WriteOutcome outcome = WriteOutcome::NotFound;
    Ticket ticket; // as it is now (Done, Unchanged)
};

class TicketRepository
{
public:
    TicketRepository(Database &db, OutboxRepository &outbox, const SlaPolicy &sla)
        : m_db(db), m_outbox(outbox), m_sla(sla)
    {}

    std::optional<Ticket> find(const QUuid &id);
    std::optional<QUuid> ownerOf(const QUuid &id);
    protocol::Page<Ticket> list(const TicketFilter &filter);
    Ticket create(const TicketCreate &input); // SqlError (foreign key) when the user does not exist

    // Locks the ticket, changes its state and records the cambio_estado interaction, in one
    // transaction. False when there is no such ticket; SqlError (foreign key) for an unknown user.
    // `registradoPor`: staff who made the change on usuarioId's behalf, or null.
    // `ifVersions`: the versions If-Match names (none given: any version).
    WriteOutcome changeEstado(const QUuid &id, Estado estado, const QUuid &usuarioId, const QUuid &registradoPor = {},
                              const std::optional<QList<qint64>> &ifVersions = std::nullopt);
    // PATCH /tickets/{id}: the changed fields, their history rows (by `usuarioId`, null for
    // nobody known), a new version and due time, and ticket_actualizado with its `campos`,
    // in one transaction under the ticket's row lock.
    TicketWrite update(const QUuid &id, const TicketUpdate &update, const QUuid &usuarioId,
                       const std::optional<QList<qint64>> &ifVersions);
    QList<CambioTicket> historial(const QUuid &id);

    // `caller`: whose tickets count as "mios" (none: no such count).
    TicketResumen resumen(const QUuid &caller = {});
    // Folds the count deltas into the base counts; returns how many delta rows it folded.
    qint64 foldCounts();
    TicketResumen resumenOf(const QUuid &owner); // one user's tickets (counted, not from the counters)

private:
    // rows of (estado, prioridad, asignado, total)
    TicketResumen resumenFrom(const QString &sql, const QUuid &owner);
    // vencidos, and mios for `caller`, over `owner`'s tickets (null: everyone's)
    void countPending(TicketResumen &resumen, const QUuid &owner, const QUuid &caller);
    // The SLA's due time of a ticket whose fecha_creacion and prioridad are the SQL
    // expressions given: the fragment, and its values in placeholder order.
    QString dueTimeSql(const QString &fechaCreacion, const QString &prioridad) const;
    QVariantList dueTimeValues() const;

    Database &m_db;
    OutboxRepository &m_outbox;
    const SlaPolicy &m_sla;
};

// A text search counts its matches up to this many (X-Total-Count-Capped beyond): counting
// every match of a common word would cost more than the page itself, and counting to 1,000 cost
// ten times the page (a word in one ticket of eight at 1M tickets: 4.6 ms against 0.4 ms).
inline constexpr qint64 kSearchCountCap = 200;
// GET /tickets/{id}/historial answers at most the newest this many changes: an answer's size
// stays bounded however often a ticket is edited.
inline constexpr qint64 kHistoryLimit = 500;

// LIKE pattern characters in user text are matched literally.
QString escapeLike(QString text);

// The name of `orden` in a cursor ("" for the default order): a cursor resumes only its own order.
QString cursorOrden(OrdenTickets orden);

} // namespace tickets::server
