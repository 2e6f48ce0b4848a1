#include "storage/TicketRepository.h"

#include "domain/Interaccion.h"
#include "storage/Database.h"
#include "storage/Keyset.h"
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
constexpr int kColumnCount = 8;

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

    SqlWhere pageWhere = where;
    if (filter.after)
        keyset::after(pageWhere, *filter.after, QStringLiteral("uuid"));

    return m_db.read([&] {
        protocol::Page<Ticket> page;
        QSqlQuery &q =
            m_db.prepared(QStringLiteral("SELECT ") + kColumns + keyset::kKeyColumn + QStringLiteral(" FROM tickets") +
                          pageWhere.sql() + keyset::kOrder + QStringLiteral(" LIMIT ? OFFSET ?"));
        bindAll(q, pageWhere.values);
        q.bindValue(pageWhere.values.size(), filter.limit);
        q.bindValue(pageWhere.values.size() + 1, filter.skip);
        keyset::fetchPage(m_db, q, fromRow, kColumnCount, filter.limit, page);

        if (page.items.size() < filter.limit && !filter.after && (!page.items.isEmpty() || filter.skip == 0)) {
            // A page that is not full ends the list: its total needs no second query.
            page.total = filter.skip + page.items.size();
            return page;
        }
        QString countSql;
        if (countsSuffice)
            countSql = QStringLiteral("SELECT COALESCE(sum(total), 0) FROM tickets_resumen_actual") + where.sql();
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
    // One statement, one round trip: the ticket, the original's task and its event commit
    // together or not at all. The id is chosen here so the outbox rows can name it.
    const QUuid id = QUuid::createUuid();
    OutboxBatch batch;
    batch.enqueue(events::ticketCreadoTask(id));
    batch.publish(events::Event::ticketCreado(id));
    QSqlQuery &q =
        m_db.prepared(QStringLiteral("WITH t AS (INSERT INTO tickets (id, usuario_id, titulo, descripcion, "
                                     "prioridad) VALUES (?, ?, ?, ?, ?) RETURNING *), o AS (") +
                      batch.insertSql() + QStringLiteral(") SELECT ") + kColumns + QStringLiteral(" FROM t"));
    q.bindValue(0, id);
    q.bindValue(1, input.usuarioId);
    q.bindValue(2, input.titulo);
    q.bindValue(3, input.descripcion);
    q.bindValue(4, wireName(input.prioridad));
    bindAll(q, batch.values(), 5);
    const Ticket ticket = *fetchOne(m_db, q, fromRow);
    m_outbox.rowsWritten();
    return ticket;
}

bool TicketRepository::changeEstado(const QUuid &id, Estado estado, const QUuid &usuarioId, const QUuid &registradoPor)
{
    // One statement: the update (which takes the row lock), its cambio_estado interaction, the
    // cache invalidation and the event, all only when the ticket exists.
    OutboxBatch batch;
    batch.publish(events::Event::ticketActualizado(id, wireName(estado)), {protocol::CacheKey::ticket(id)});
    // clock_timestamp(), not now(): the order of the timestamps is the order of the commits.
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("WITH u AS (UPDATE tickets SET estado = ?, fecha_actualizacion = clock_timestamp() WHERE id = ? "
                       "RETURNING id), "
                       "r AS (INSERT INTO interacciones (ticket_id, usuario_id, tipo, contenido, registrado_por) "
                       "SELECT id, ?::uuid, 'cambio_estado', ?, ?::uuid FROM u), o AS (") +
        batch.insertSql(QStringLiteral("EXISTS (SELECT 1 FROM u)")) + QStringLiteral(") SELECT count(*) FROM u"));
    q.bindValue(0, wireName(estado));
    q.bindValue(1, id);
    q.bindValue(2, usuarioId);
    q.bindValue(3, cambioEstadoTexto(estado));
    q.bindValue(4, registradoPor); // a null QUuid binds as SQL NULL
    bindAll(q, batch.values(), 5);
    const bool found =
        fetchOne(m_db, q, [](const QSqlQuery &row) { return row.value(0).toLongLong(); }).value_or(0) > 0;
    if (found)
        m_outbox.rowsWritten();
    return found;
}

TicketResumen TicketRepository::resumen()
{
    return resumenFrom(QStringLiteral("SELECT estado, prioridad, total FROM tickets_resumen_actual"), {});
}

qint64 TicketRepository::foldCounts()
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("SELECT tickets_resumen_plegar()"));
    return fetchOne(m_db, q, [](const QSqlQuery &row) { return row.value(0).toLongLong(); }).value_or(0);
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
