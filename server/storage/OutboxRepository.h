#pragma once
// The outbox table: what must reach Redis, written with the change it describes (in the same
// transaction, usually in the same statement), and read back by the relay (to deliver) and by
// GET /eventos (to catch up). A commit that wrote rows wakes this process's relay through the
// OutboxWakeup.

#include "events/Events.h"
#include "protocol/CacheKeys.h"

#include <QList>
#include <QString>
#include <QVariantList>

namespace tickets::server {

class Database;
class OutboxWakeup;

// Rows to write with one change, in delivery order, rendered as a single INSERT so that they
// cost one statement, or none of their own when a repository puts them inside the change's
// statement (a data-modifying WITH). An event's seq is the id its row gets.
class OutboxBatch
{
public:
    void enqueue(const events::Task &task);
    void invalidate(const protocol::CacheKey &key);
    // `invalidateFirst` is delivered ahead of the event: a client that hears of the change
    // never reads the old value from the cache.
    void publish(const events::Event &event, const QList<protocol::CacheKey> &invalidateFirst = {});

    bool isEmpty() const { return m_rows.isEmpty(); }
    qsizetype size() const { return m_rows.size(); }
    // INSERT INTO outbox ... with 4 placeholders per row, in the order of values(); the rows
    // are written only where `condition` (SQL over the statement's other CTEs) holds.
    QString insertSql(const QString &condition = {}) const;
    QVariantList values() const;

private:
    struct Row
    {
        QString destino; // cola, canal, cache
        QByteArray clave;
        QByteArray payload; // an event's ends before its seq: the row's id finishes it
        bool numbered = false;
    };
    QList<Row> m_rows;
};

class OutboxRepository
{
public:
    OutboxRepository(Database &db, OutboxWakeup *wakeup) : m_db(db), m_wakeup(wakeup) {}

    // Writes the batch in one statement, joining the caller's transaction.
    void write(const OutboxBatch &batch);
    // For a repository that wrote rows within its own statement: the relay is woken once the
    // transaction (or that statement, outside one) has committed.
    void rowsWritten();
    // A cache key to delete once Redis is reachable again (an invalidation that failed).
    void invalidateLater(const QByteArray &cacheKey);

    struct Entry
    {
        qint64 id;
        QString destino; // cola, canal, cache
        QByteArray clave;
        QByteArray payload;
    };
    // The oldest undelivered rows, locked until the caller's transaction ends.
    QList<Entry> lockPending(int limit);
    void markDelivered(const QList<qint64> &ids);
    int purgeDelivered(int olderThanHours);

    // Event payloads after `seq`, oldest first, exactly as delivered.
    QList<QByteArray> eventsSince(qint64 seq, int limit);
    qint64 backlog();

private:
    Database &m_db;
    OutboxWakeup *m_wakeup;
};

} // namespace tickets::server
