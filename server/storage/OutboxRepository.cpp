#include "storage/OutboxRepository.h"

#include "storage/Database.h"
#include "storage/OutboxWakeup.h"
#include "storage/Rows.h"

#include <QSqlQuery>
#include <QVariant>

namespace tickets::server {

void OutboxBatch::enqueue(const events::Task &task)
{
    m_rows.append({QStringLiteral("cola"), events::kQueue, task.toJson(), false});
}

void OutboxBatch::invalidate(const protocol::CacheKey &key)
{
    m_rows.append({QStringLiteral("cache"), key.key, QByteArray(), false});
}

void OutboxBatch::publish(const events::Event &event, const QList<protocol::CacheKey> &invalidateFirst)
{
    for (const protocol::CacheKey &key : invalidateFirst)
        invalidate(key);
    m_rows.append({QStringLiteral("canal"), events::kChannel, event.toJsonBeforeSeq(), true});
}

QString OutboxBatch::insertSql(const QString &condition) const
{
    QStringList rows;
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        rows << QStringLiteral("(%1, ?::varchar, ?::text, ?::text, ?::boolean)").arg(i);
    // nextval runs over the rows in their order, so ids (and seqs) follow the batch.
    return QStringLiteral("INSERT INTO outbox (id, destino, clave, payload) "
                          "SELECT n, destino, clave, CASE WHEN numerado THEN payload || n || '}' ELSE payload END "
                          "FROM (SELECT nextval(pg_get_serial_sequence('outbox', 'id')) AS n, f.* "
                          "FROM (SELECT * FROM (VALUES %1) AS v (orden, destino, clave, payload, numerado) "
                          "ORDER BY orden) f) numbered")
               .arg(rows.join(QStringLiteral(", "))) +
           (condition.isEmpty() ? QString() : QStringLiteral(" WHERE ") + condition);
}

QVariantList OutboxBatch::values() const
{
    QVariantList values;
    for (const Row &row : m_rows)
        // An empty payload is text, not NULL (a cache row has none).
        values << row.destino << QString::fromUtf8(row.clave)
               << (row.payload.isEmpty() ? QStringLiteral("") : QString::fromUtf8(row.payload)) << row.numbered;
    return values;
}

void OutboxRepository::write(const OutboxBatch &batch)
{
    if (batch.isEmpty())
        return;
    QSqlQuery &q = m_db.prepared(batch.insertSql());
    bindAll(q, batch.values());
    m_db.exec(q);
    q.finish();
    rowsWritten();
}

void OutboxRepository::rowsWritten()
{
    if (m_wakeup)
        m_db.afterCommit([wakeup = m_wakeup] { wakeup->rowsCommitted(); });
}

void OutboxRepository::invalidateLater(const QByteArray &cacheKey)
{
    OutboxBatch batch;
    batch.invalidate({cacheKey, 0});
    write(batch);
}

QList<OutboxRepository::Entry> OutboxRepository::lockPending(int limit)
{
    // FOR UPDATE (not SKIP LOCKED): a second relay waits, so delivery order is the id order.
    QSqlQuery &q =
        m_db.prepared(QStringLiteral("SELECT id, destino, clave, payload FROM outbox WHERE entregado IS NULL "
                                     "ORDER BY id LIMIT ? FOR UPDATE"));
    q.bindValue(0, limit);
    return fetchAll(m_db, q, [](const QSqlQuery &row) {
        return Entry{row.value(0).toLongLong(), row.value(1).toString(), row.value(2).toString().toUtf8(),
                     row.value(3).toString().toUtf8()};
    });
}

void OutboxRepository::markDelivered(const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return;
    QStringList list;
    for (qint64 id : ids)
        list << QString::number(id);
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "UPDATE outbox SET entregado = clock_timestamp() WHERE id = ANY (string_to_array(?, ',')::bigint[])"));
    q.bindValue(0, list.join(u','));
    m_db.exec(q);
}

int OutboxRepository::purgeDelivered(int olderThanHours)
{
    return m_db.transaction([&] {
        QSqlQuery &q = m_db.prepared(
            QStringLiteral("DELETE FROM outbox WHERE entregado < clock_timestamp() - make_interval(hours => ?)"));
        q.bindValue(0, olderThanHours);
        m_db.exec(q);
        return q.numRowsAffected();
    });
}

QList<QByteArray> OutboxRepository::eventsSince(qint64 seq, int limit)
{
    return m_db.read([&] {
        QSqlQuery &q = m_db.prepared(
            QStringLiteral("SELECT payload FROM outbox WHERE destino = 'canal' AND id > ? ORDER BY id LIMIT ?"));
        q.bindValue(0, seq);
        q.bindValue(1, limit);
        return fetchAll(m_db, q, [](const QSqlQuery &row) { return row.value(0).toString().toUtf8(); });
    });
}

qint64 OutboxRepository::backlog()
{
    return m_db.read([&] {
        QSqlQuery &q = m_db.prepared(QStringLiteral("SELECT count(*) FROM outbox WHERE entregado IS NULL"));
        return *fetchOne(m_db, q, [](const QSqlQuery &row) { return row.value(0).toLongLong(); });
    });
}

} // namespace tickets::server
