#pragma once
#include "protocol/Cursor.h"
// Notifications in PostgreSQL.

#include "domain/Notificacion.h"
#include "protocol/Page.h"

namespace tickets::server {

class Database;
class OutboxRepository;

class NotificacionRepository
{
public:
    NotificacionRepository(Database &db, OutboxRepository &outbox) : m_db(db), m_outbox(outbox) {}

    // One notice per active soporte/admin user, each announced as notificacion_creada.
    // Idempotent: a task processed twice notifies nobody twice. Nothing when the ticket is gone.
    std::optional<QList<Notificacion>> notifyTicketCreado(const QUuid &ticketId);

    // Escalation: up to `limit` tickets past their vence_en and not yet announced for it are
    // marked announced, each gets ticket_vencido and a notice to its owner (to every active
    // staff member when it has no active owner), all in one transaction. Rows another worker
    // holds are skipped, so several workers announce each due time once. Returns how many
    // tickets it announced.
    int notifyVencidos(int limit);

    protocol::Page<Notificacion> list(const QUuid &usuarioId, bool soloNoLeidas, qint64 skip, qint64 limit,
                                      const std::optional<protocol::Cursor> &after = std::nullopt);
    std::optional<Notificacion> find(qint64 id);
    std::optional<Notificacion> markRead(qint64 id);

private:
    Database &m_db;
    OutboxRepository &m_outbox;
};

} // namespace tickets::server
