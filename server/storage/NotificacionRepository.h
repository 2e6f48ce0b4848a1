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

    protocol::Page<Notificacion> list(const QUuid &usuarioId, bool soloNoLeidas, qint64 skip, qint64 limit,
                                      const std::optional<protocol::Cursor> &after = std::nullopt);
    std::optional<Notificacion> find(qint64 id);
    std::optional<Notificacion> markRead(qint64 id);

private:
    Database &m_db;
    OutboxRepository &m_outbox;
};

} // namespace tickets::server
