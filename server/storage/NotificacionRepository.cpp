#include "storage/NotificacionRepository.h"

#include "storage/Database.h"
#include "storage/Keyset.h"
#include "storage/OutboxRepository.h"
#include "storage/Rows.h"
#include "storage/SqlColumns.h"

#include <QSqlQuery>
#include <QVariant>

namespace tickets::server {

namespace {
const QString kColumns = QStringLiteral("id, destinatario_id, ticket_id, mensaje, leida, ") +
                         timestampColumn(QStringLiteral("fecha_creacion"));

Notificacion fromRow(const QSqlQuery &q)
{
    return Notificacion{q.value(0).toLongLong(),
                        QUuid::fromString(q.value(1).toString()),
                        QUuid::fromString(q.value(2).toString()),
                        q.value(3).toString(),
                        q.value(4).toBool(),
                        timestampValue(q.value(5))};
}
} // namespace

std::optional<QList<Notificacion>> NotificacionRepository::notifyTicketCreado(const QUuid &ticketId)
{
    return m_db.transaction([&]() -> std::optional<QList<Notificacion>> {
        QSqlQuery &ticket = m_db.prepared(QStringLiteral("SELECT titulo FROM tickets WHERE id = ?"));
        ticket.bindValue(0, ticketId);
        const auto titulo = fetchOne(m_db, ticket, [](const QSqlQuery &q) { return q.value(0).toString(); });
        if (!titulo)
            return std::nullopt;
        QSqlQuery &insert =
            m_db.prepared(QStringLiteral("INSERT INTO notificaciones (destinatario_id, ticket_id, mensaje) "
                                         "SELECT id, ?, ? FROM usuarios WHERE activo AND rol IN ('soporte', 'admin') "
                                         "ON CONFLICT (destinatario_id, ticket_id) WHERE motivo = 'ticket_creado' "
                                         "DO NOTHING RETURNING ") +
                          kColumns);
        insert.bindValue(0, ticketId);
        insert.bindValue(1, mensajeTicketCreado(*titulo));
        const QList<Notificacion> created = fetchAll(m_db, insert, fromRow);
        OutboxBatch announcements;
        for (const Notificacion &n : created)
            announcements.publish(events::Event::notificacionCreada(n.id, n.usuarioId, n.ticketId));
        m_outbox.write(announcements);
        return created;
    });
}

int NotificacionRepository::notifyVencidos(int limit)
{
    return m_db.transaction([&] {
        // FOR UPDATE SKIP LOCKED: a ticket another worker is announcing is its; once that
        // commits, vencimiento_avisado = vence_en keeps it out of every later scan.
        QSqlQuery &due = m_db.prepared(
            QStringLiteral("WITH vencidos AS (SELECT id FROM tickets WHERE vence_en IS NOT NULL "
                           "AND vencimiento_avisado IS DISTINCT FROM vence_en AND vence_en <= now() "
                           "ORDER BY vence_en LIMIT ? FOR UPDATE SKIP LOCKED) "
                           "UPDATE tickets t SET vencimiento_avisado = t.vence_en FROM vencidos v WHERE t.id = v.id "
                           "RETURNING t.id, t.numero, t.titulo"));
        due.bindValue(0, limit);
        struct Due
        {
            QUuid id;
            qint64 numero;
            QString titulo;
        };
        const QList<Due> tickets = fetchAll(m_db, due, [](const QSqlQuery &row) {
            return Due{QUuid::fromString(row.value(0).toString()), row.value(1).toLongLong(), row.value(2).toString()};
        });
        OutboxBatch announcements;
        for (const Due &ticket : tickets) {
            QSqlQuery &insert = m_db.prepared(
                QStringLiteral("INSERT INTO notificaciones (destinatario_id, ticket_id, mensaje, motivo) "
                               "SELECT u.id, t.id, ?, 'ticket_vencido' FROM tickets t "
                               "JOIN usuarios u ON u.activo AND u.rol IN ('soporte', 'admin') WHERE t.id = ? "
                               "AND (u.id = t.asignado_a OR NOT EXISTS (SELECT 1 FROM usuarios a WHERE "
                               "a.id = t.asignado_a AND a.activo AND a.rol IN ('soporte', 'admin'))) RETURNING ") +
                kColumns);
            insert.bindValue(0, mensajeTicketVencido(ticket.numero, ticket.titulo));
            insert.bindValue(1, ticket.id);
            const QList<Notificacion> created = fetchAll(m_db, insert, fromRow);
            announcements.publish(events::Event::ticketVencido(ticket.id));
            for (const Notificacion &n : created)
                announcements.publish(events::Event::notificacionCreada(n.id, n.usuarioId, n.ticketId));
        }
        if (!announcements.isEmpty())
            m_outbox.write(announcements);
        return static_cast<int>(tickets.size());
    });
}

protocol::Page<Notificacion> NotificacionRepository::list(const QUuid &usuarioId, bool soloNoLeidas, qint64 skip,
                                                          qint64 limit, const std::optional<protocol::Cursor> &after)
{
    const QString where = soloNoLeidas ? QStringLiteral(" WHERE destinatario_id = ? AND NOT leida")
                                       : QStringLiteral(" WHERE destinatario_id = ?");
    SqlWhere pageWhere;
    pageWhere.add(QStringLiteral("destinatario_id = ?"), usuarioId);
    if (soloNoLeidas)
        pageWhere.clauses << QStringLiteral("NOT leida");
    if (after)
        keyset::after(pageWhere, *after, QStringLiteral("bigint"));
    return m_db.read([&] {
        protocol::Page<Notificacion> page;
        QSqlQuery &q = m_db.prepared(QStringLiteral("SELECT ") + kColumns + keyset::kKeyColumn +
                                     QStringLiteral(" FROM notificaciones") + pageWhere.sql() + keyset::kOrder +
                                     QStringLiteral(" LIMIT ? OFFSET ?"));
        int i = bindAll(q, pageWhere.values);
        q.bindValue(i++, limit);
        q.bindValue(i++, skip);
        keyset::fetchPage(m_db, q, fromRow, 6, limit, page);
        QSqlQuery &count = m_db.prepared(QStringLiteral("SELECT count(*) FROM notificaciones") + where);
        count.bindValue(0, usuarioId);
        page.total = *fetchOne(m_db, count, [](const QSqlQuery &row) { return row.value(0).toLongLong(); });
        return page;
    });
}

std::optional<Notificacion> NotificacionRepository::find(qint64 id)
{
    return m_db.read([&] {
        QSqlQuery &q =
            m_db.prepared(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM notificaciones WHERE id = ?"));
        q.bindValue(0, id);
        return fetchOne(m_db, q, fromRow);
    });
}

std::optional<Notificacion> NotificacionRepository::markRead(qint64 id)
{
    return m_db.transaction([&] {
        QSqlQuery &q =
            m_db.prepared(QStringLiteral("UPDATE notificaciones SET leida = true WHERE id = ? RETURNING ") + kColumns);
        q.bindValue(0, id);
        return fetchOne(m_db, q, fromRow);
    });
}

} // namespace tickets::server
