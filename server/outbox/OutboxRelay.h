#pragma once
// The server's outbox relay, in a thread of its own with its own PostgreSQL and Redis
// connections: delivers the outbox (OutboxDelivery) when this process commits rows (woken by
// OutboxWakeup, in-process, no NOTIFY), and polls as the fallback for rows left by another
// process (a worker, an instance that died between commit and delivery). It also folds the
// ticket counts' deltas every second and purges delivered rows older than a day.

#include "config/Config.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace tickets::server {

class Database;
class OutboxDelivery;
class OutboxRepository;
class OutboxWakeup;
class RedisClient;
class TicketRepository;

class OutboxRelay : public QObject
{
    Q_OBJECT
public:
    OutboxRelay(const Config &config, OutboxWakeup &wakeup, QObject *parent = nullptr);
    ~OutboxRelay() override;

public Q_SLOTS:
    void start();   // in the relay's thread
    void deliver(); // everything pending

private:
    void purge();
    void foldCounts();

    const Config &m_config;
    OutboxWakeup &m_wakeup;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<OutboxRepository> m_outbox;
    std::unique_ptr<TicketRepository> m_tickets;
    std::unique_ptr<RedisClient> m_redis;
    std::unique_ptr<OutboxDelivery> m_delivery;
    QTimer m_poll;
    QTimer m_purge;
    QTimer m_fold;
    QTimer m_retry; // after a failure, sooner than the poll
    bool m_delivering = false;
};

} // namespace tickets::server
