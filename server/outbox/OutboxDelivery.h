#pragma once
// One delivery pass over the outbox, in id order: RPUSH for queue tasks, PUBLISH for events,
// the versioned invalidation for cache keys. Rows are locked while they go out (FOR UPDATE,
// not SKIP LOCKED: a second deliverer waits, so the order holds across processes) and marked
// delivered in the same transaction. While Redis is down rows simply wait; they go out in
// order once it is back. Used by the server's relay thread and by the worker after its writes.

#include <QtGlobal>

namespace tickets::server {

class Database;
class OutboxRepository;
class RedisClient;

class OutboxDelivery
{
public:
    OutboxDelivery(Database &database, OutboxRepository &outbox, RedisClient &redis)
        : m_db(database), m_outbox(outbox), m_redis(redis)
    {}

    struct Pass
    {
        int sent = 0;
        bool stalled = false; // rows are waiting for Redis or PostgreSQL to come back
    };
    // Everything pending, batch by batch; throws nothing.
    Pass deliverPending();

private:
    Database &m_db;
    OutboxRepository &m_outbox;
    RedisClient &m_redis;
};

} // namespace tickets::server
