#include "storage/TicketRepository.h"

#include "domain/Interaccion.h"
#include "storage/Database.h"
#include "storage/OutboxRepository.h"
#include "storage/Rows.h"
#include "storage/SqlColumns.h"
#include "storage/SqlWhere.h"

#include <QSqlQuery>
#include <QVariant>

namespace tickets::server {

namespace {
const QString kColumns = QStringLiteral("id, usuario_id, titulo, descripcion, estado, prioridad, ") +
                         timestampColumn(QStringLiteral("fecha_creacion")) + QStringLiteral(", ") +
                         timestampColumn(QStringLiteral("fecha_actualizacion"));

Ticket fromRow(const QSqlQuery &q)
{
    return Ticket{QUuid::fromString(q.value(0).toString()),
                  QUuid::fromString(q.value(1).toString()),
                  q.value(2).toString(),
                  q.value(3).toString(),
                  enumFromString<Estado>(q.value(4).toString()).value_or(Estado::Abierto),
                  enumFromString<Prioridad>(q.value(5).toString()).value_or(Prioridad::Media),
                  timestampValue(q.value(6)),
                  timestampValue(q.value(7))};
}

void bindAll(QSqlQuery &q, const QVariantList &values, int first = 0)
{
    for (const QVariant &value : values)
        q.bindValue(first++, value);
}
} // namespace

QString escapeLike(QString text)
{
    text.replace(u'\\', QStringLiteral("\\\\"));
    text.replace(u'%', QStringLiteral("\\%"));
    text.replace(u'_', QStringLiteral("\\_"));
    return text;
}

std::optional<Ticket> TicketRepository::find(const QUuid &id)
{
    return m_db.read([&] {
        QSqlQuery &q =
            m_db.prepared(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM tickets WHERE id = ?"));
        q.bindValue(0, id);
        return fetchOne(m_db, q, fromRow);
    });
}

std::optional<QUuid> TicketRepository::ownerOf(const QUuid &id)
{
    return m_db.read([&] {
        QSqlQuery &q = m_db.prepared(QStringLiteral("SELECT usuario_id FROM tickets WHERE id = ?"));
        q.bindValue(0, id);
        return fetchOne(m_db, q, [](const QSqlQuery &row) { return QUuid::fromString(row.value(0).toString()); });
    });
}

protocol::Page<Ticket> TicketRepository::list(const TicketFilter &filter)
{
    SqlWhere where;
    if (filter.estado)
        where.add(QStringLiteral("estado = ?"), wireName(*filter.estado));
    if (filter.prioridad)
        where.add(QStringLiteral("prioridad = ?"), wireName(*filter.prioridad));
    if (filter.usuarioId)
        where.add(QStringLiteral("usuario_id = ?"), *filter.usuarioId);
    if (filter.owner)
        where.add(QStringLiteral("usuario_id = ?"), *filter.owner);
    if (!filter.q.isEmpty()) {
        // Served by the trigram index on the normalised busqueda column (03_busqueda.sql).
        where.add(QStringLiteral("busqueda LIKE '%' || tickets_normalizar(?) || '%'"), escapeLike(filter.q));
    }
    // Only state and priority filters: the trigger-maintained counts answer without a scan.
    const bool countsSuffice = !filter.usuarioId && !filter.owner && filter.q.isEmpty();

    return m_db.read([&] {
        protocol::Page<Ticket> page;
        QSqlQuery &q =
            m_db.prepared(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM tickets") + where.sql() +
                          QStringLiteral(" ORDER BY fecha_creacion DESC, id DESC LIMIT ? OFFSET ?"));
        bindAll(q, where.values);
        q.bindValue(where.values.size(), filter.limit);
        q.bindValue(where.values.size() + 1, filter.skip);
        page.items = fetchAll(m_db, q, fromRow);

        if (page.items.size() < filter.limit && (!page.items.isEmpty() || filter.skip == 0)) {
            // A page that is not full ends the list: its total needs no second query.
            page.total = filter.skip + page.items.size();
            return page;
        }
        QString countSql;
        if (countsSuffice)
            countSql = QStringLiteral("SELECT COALESCE(sum(total), 0) FROM tickets_resumen") + where.sql();
        else if (!filter.q.isEmpty())
            countSql = QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM tickets") + where.sql() +
                       QStringLiteral(" LIMIT %1) matches").arg(kSearchCountCap + 1);
        else
            countSql = QStringLiteral("SELECT count(*) FROM tickets") + where.sql();
        QSqlQuery &count = m_db.prepared(countSql);
        bindAll(count, where.values);
        m_db.exec(count);
        page.total = count.next() ? count.value(0).toLongLong() : 0;
        count.finish();
        if (!filter.q.isEmpty() && page.total > kSearchCountCap) {
            page.total = kSearchCountCap;
            page.totalCapped = true;
        }
        return page;
    });
}

Ticket TicketRepository::create(const TicketCreate &input)
{
    return m_db.transaction([&] {
        QSqlQuery &q = m_db.prepared(
            QStringLiteral(
                "INSERT INTO tickets (usuario_id, titulo, descripcion, prioridad) VALUES (?, ?, ?, ?) RETURNING ") +
            kColumns);
        q.bindValue(0, input.usuarioId);
        q.bindValue(1, input.titulo);
        q.bindValue(2, input.descripcion);
        q.bindValue(3, wireName(input.prioridad));
        const Ticket ticket = *fetchOne(m_db, q, fromRow);
        // The original's task and event, committed with the ticket or not at all.
        m_outbox.enqueue(events::ticketCreadoTask(ticket.id));
        m_outbox.publish(events::Event::ticketCreado(ticket.id));
        return ticket;
    });
}

bool TicketRepository::changeEstado(const QUuid &id, Estado estado, const QUuid &usuarioId, const QUuid &registradoPor)
{
    return m_db.transaction([&] {
        QSqlQuery &lock = m_db.prepared(QStringLiteral("SELECT id FROM tickets WHERE id = ? FOR UPDATE"));
        lock.bindValue(0, id);
        m_db.exec(lock);
        const bool found = lock.next();
        lock.finish();
        if (!found)
            return false;
        // clock_timestamp(), not now(): the order of the timestamps is the order of the commits.
        QSqlQuery &update = m_db.prepared(
            QStringLiteral("UPDATE tickets SET estado = ?, fecha_actualizacion = clock_timestamp() WHERE id = ?"));
        update.bindValue(0, wireName(estado));
        update.bindValue(1, id);
        m_db.exec(update);
        QSqlQuery &record = m_db.prepared(
            QStringLiteral("INSERT INTO interacciones (ticket_id, usuario_id, tipo, contenido, registrado_por) "
                           "VALUES (?, ?, 'cambio_estado', ?, ?)"));
        record.bindValue(0, id);
        record.bindValue(1, usuarioId);
        record.bindValue(2, cambioEstadoTexto(estado));
        record.bindValue(3, registradoPor); // a null QUuid binds as SQL NULL
        m_db.exec(record);
        m_outbox.publish(events::Event::ticketActualizado(id, wireName(estado)), {protocol::CacheKey::ticket(id)});
        return true;
    });
}

TicketResumen TicketRepository::resumen()
{
    return resumenFrom(QStringLiteral("SELECT estado, prioridad, total FROM tickets_resumen"), {});
}

TicketResumen TicketRepository::resumenOf(const QUuid &owner)
{
    return resumenFrom(QStringLiteral("SELECT estado, prioridad, count(*) FROM tickets WHERE usuario_id = ? "
                                      "GROUP BY estado, prioridad"),
                       owner);
}

TicketResumen TicketRepository::resumenFrom(const QString &sql, const QUuid &owner)
{
    return m_db.read([&] {
        TicketResumen resumen;
        QSqlQuery &q = m_db.prepared(sql);
        if (!owner.isNull())
            q.bindValue(0, owner);
        m_db.exec(q);
        while (q.next()) {
            const auto estado = enumFromString<Estado>(q.value(0).toString());
            const auto prioridad = enumFromString<Prioridad>(q.value(1).toString());
            const qint64 total = q.value(2).toLongLong();
            if (!estado || !prioridad)
                continue;
            resumen.total += total;
            resumen.porEstado[*estado] += total;
            resumen.porPrioridad[*prioridad] += total;
        }
        q.finish();
        return resumen;
    });
}

} // namespace tickets::server
