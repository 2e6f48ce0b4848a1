#pragma once
// Delivers the outbox to Redis in id order: RPUSH for queue tasks, PUBLISH for events, cache
// invalidations that had to wait. Woken when a transaction with outbox rows commits (LISTEN
// tickets_outbox: this process, other server instances and the worker alike), and by a poll as
// the fallback. While Redis is down rows simply wait; they go out in order once it is back.
// Lives in its own thread with its own PostgreSQL and Redis connections.

#include "config/Config.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace tickets::server {

class Database;
class OutboxRepository;
class RedisClient;

class OutboxRelay : public QObject
{
    Q_OBJECT
public:
    explicit OutboxRelay(const Config &config, QObject *parent = nullptr);
    ~OutboxRelay() override;

public Q_SLOTS:
    void start();   // in the relay's thread
    void deliver(); // everything pending, batch by batch

private:
    void listen();
    void purge();

    const Config &m_config;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<OutboxRepository> m_outbox;
    std::unique_ptr<RedisClient> m_redis;
    QTimer m_poll;
    QTimer m_purge;
    QTimer m_retry; // after a failure, sooner than the poll
    int m_listeningGeneration = -1;
    bool m_delivering = false;
};

} // namespace tickets::server
