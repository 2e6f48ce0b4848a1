#pragma once
// The outbox table: what must reach Redis, written in the same transaction as the change it
// describes, and read back by the relay (to deliver) and by GET /eventos (to catch up).

#include "events/Events.h"
#include "protocol/CacheKeys.h"

#include <QList>
#include <QString>

namespace tickets::server {

class Database;

class OutboxRepository
{
public:
    explicit OutboxRepository(Database &db) : m_db(db) {}

    // Joins the caller's transaction. The event's seq becomes its outbox id. When the event
    // announces a change to cached resources, their keys are invalidated first, in the same
    // order of delivery: a client that hears of a change never reads the old value from Redis.
    qint64 publish(events::Event event, const QList<protocol::CacheKey> &invalidateFirst = {});
    void enqueue(const events::Task &task);
    // A cache key to delete once Redis is reachable again (an invalidation that failed).
    void invalidateLater(const QString &cacheKey);

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
    void insert(qint64 id, const QString &destino, const QString &clave, const QByteArray &payload);

    Database &m_db;
};

} // namespace tickets::server
