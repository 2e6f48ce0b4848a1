#include "storage/InteraccionRepository.h"

#include "storage/Database.h"
#include "storage/Keyset.h"
#include "storage/OutboxRepository.h"
#include "storage/Rows.h"
#include "storage/SqlColumns.h"

#include <QSqlQuery>
#include <QVariant>

namespace tickets::server {

namespace {
const QString kColumns = QStringLiteral("id, ticket_id, usuario_id, tipo, contenido, ") +
                         timestampColumn(QStringLiteral("fecha_creacion")) + QStringLiteral(", registrado_por");
const QString kWithoutInternalNotes = QStringLiteral(" AND tipo <> 'nota_interna'");

Interaccion fromRow(const QSqlQuery &q)
{
    return Interaccion{q.value(0).toLongLong(),
                       QUuid::fromString(q.value(1).toString()),
                       q.value(2).isNull() ? QUuid() : QUuid::fromString(q.value(2).toString()),
                       enumFromString<TipoInteraccion>(q.value(3).toString()).value_or(TipoInteraccion::Comentario),
                       q.value(4).toString(),
                       timestampValue(q.value(5)),
                       q.value(6).isNull() ? QUuid() : QUuid::fromString(q.value(6).toString())};
}
} // namespace

std::optional<protocol::Page<Interaccion>>
InteraccionRepository::listForTicket(const QUuid &ticketId, qint64 skip, qint64 limit, bool internalNotes,
                                     const std::optional<protocol::Cursor> &after)
{
    const QString visible = internalNotes ? QString() : kWithoutInternalNotes;
    return m_db.read([&]() -> std::optional<protocol::Page<Interaccion>> {
        QSqlQuery &count = m_db.prepared(QStringLiteral("SELECT EXISTS (SELECT 1 FROM tickets WHERE id = ?), (SELECT "
                                                        "count(*) FROM interacciones WHERE ticket_id = ?") +
                                         visible + u')');
        count.bindValue(0, ticketId);
        count.bindValue(1, ticketId);
        m_db.exec(count);
        count.next();
        const bool exists = count.value(0).toBool();
        const qint64 total = count.value(1).toLongLong();
        count.finish();
        if (!exists)
            return std::nullopt;

        protocol::Page<Interaccion> page;
        page.total = total;
        SqlWhere pageWhere;
        pageWhere.add(QStringLiteral("ticket_id = ?"), ticketId);
        if (after)
            keyset::after(pageWhere, *after, QStringLiteral("bigint"));
        QSqlQuery &q = m_db.prepared(QStringLiteral("SELECT ") + kColumns + keyset::kKeyColumn +
                                     QStringLiteral(" FROM interacciones") + pageWhere.sql() + visible +
                                     keyset::kOrder + QStringLiteral(" LIMIT ? OFFSET ?"));
        int i = bindAll(q, pageWhere.values);
        q.bindValue(i++, limit);
        q.bindValue(i++, skip);
        keyset::fetchPage(m_db, q, fromRow, 7, limit, page);
        return page;
    });
}

Interaccion InteraccionRepository::create(const InteraccionCreate &input, const QUuid &registradoPor)
{
    return m_db.transaction([&] {
        // The interaction, and its ticket's fecha_actualizacion, in one statement.
        QSqlQuery &q = m_db.prepared(
            QStringLiteral(
                "WITH i AS (INSERT INTO interacciones (ticket_id, usuario_id, tipo, contenido, registrado_por) "
                "VALUES (?, ?, ?, ?, ?) RETURNING *), "
                "t AS (UPDATE tickets SET fecha_actualizacion = clock_timestamp() "
                "WHERE id = (SELECT ticket_id FROM i)) SELECT ") +
            kColumns + QStringLiteral(" FROM i"));
        q.bindValue(0, input.ticketId);
        q.bindValue(1, input.usuarioId); // a null QUuid binds as SQL NULL
        q.bindValue(2, wireName(input.tipo));
        q.bindValue(3, input.contenido);
        q.bindValue(4, registradoPor);
        const Interaccion created = *fetchOne(m_db, q, fromRow);
        OutboxBatch batch; // the cached ticket changed too (fecha_actualizacion)
        batch.publish(events::Event::interaccionCreada(created.ticketId, created.id, wireName(created.tipo)),
                      {protocol::CacheKey::ticket(created.ticketId)});
        m_outbox.write(batch);
        return created;
    });
}

} // namespace tickets::server
