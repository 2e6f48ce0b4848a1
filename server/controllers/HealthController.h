#pragma once
// /health (the contract's shape plus version, uptime and round-trips) and /health/ready for
// load balancers.

#include "http/Router.h"

#include <QElapsedTimer>

#include <atomic>

namespace tickets::server {

class Database;
class OutboxRepository;
class RedisClient;

class HealthController
{
public:
    HealthController(Database &database, RedisClient &redis, OutboxRepository &outbox, const QElapsedTimer &uptime,
                     const std::atomic<int> &liveClients)
        : m_database(database), m_redis(redis), m_outbox(outbox), m_uptime(uptime), m_liveClients(liveClients)
    {
    }
    void registerRoutes(Router &router);

private:
    QHttpServerResponse health(Request &request);
    QHttpServerResponse ready(Request &request);
    bool checkDatabase(double *milliseconds, QString *error);
    QJsonObject batchFigures(bool redisOk);

    Database &m_database;
    RedisClient &m_redis;
    OutboxRepository &m_outbox;
    const QElapsedTimer &m_uptime;
    const std::atomic<int> &m_liveClients;
};

} // namespace tickets::server
