#include "storage/OutboxRepository.h"

#include "storage/Database.h"
#include "storage/Rows.h"

#include <QSqlQuery>
#include <QVariant>

namespace tickets::server {

void OutboxRepository::insert(qint64 id, const QString &destino, const QString &clave, const QByteArray &payload)
{
    QSqlQuery &q =
        m_db.prepared(QStringLiteral("INSERT INTO outbox (id, destino, clave, payload) VALUES (?, ?, ?, ?)"));
    q.bindValue(0, id);
    q.bindValue(1, destino);
    q.bindValue(2, clave);
    q.bindValue(3, QString::fromUtf8(payload));
    m_db.exec(q);
}

qint64 OutboxRepository::publish(events::Event event, const QList<protocol::CacheKey> &invalidateFirst)
{
    return m_db.transaction([&] {
        for (const protocol::CacheKey &key : invalidateFirst)
            invalidateLater(QString::fromLatin1(key.key));
        QSqlQuery &next = m_db.prepared(QStringLiteral("SELECT nextval(pg_get_serial_sequence('outbox', 'id'))"));
        const qint64 seq = *fetchOne(m_db, next, [](const QSqlQuery &q) { return q.value(0).toLongLong(); });
        event.seq = seq;
        insert(seq, QStringLiteral("canal"), QString::fromLatin1(events::kChannel), event.toJson());
        return seq;
    });
}

void OutboxRepository::enqueue(const events::Task &task)
{
    // A task carries no seq: its id can come from the column default, one round trip fewer.
    m_db.transaction([&] {
        QSqlQuery &q =
            m_db.prepared(QStringLiteral("INSERT INTO outbox (destino, clave, payload) VALUES ('cola', ?, ?)"));
        q.bindValue(0, QString::fromLatin1(events::kQueue));
        q.bindValue(1, QString::fromUtf8(task.toJson()));
        m_db.exec(q);
    });
}

void OutboxRepository::invalidateLater(const QString &cacheKey)
{
    m_db.transaction([&] {
        QSqlQuery &q =
            m_db.prepared(QStringLiteral("INSERT INTO outbox (destino, clave, payload) VALUES ('cache', ?, '')"));
        q.bindValue(0, cacheKey);
        m_db.exec(q);
    });
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
