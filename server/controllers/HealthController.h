#pragma once
// /health (the contract's shape; for admins, or with AUTH_REQUIRED=false, also version, uptime,
// round-trips, batch figures and live clients) and /health/ready for load balancers.

#include "api/Router.h"

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
                     const std::atomic<int> &liveClients, bool authRequired, int workerStaleSeconds)
        : m_database(database), m_redis(redis), m_outbox(outbox), m_uptime(uptime), m_liveClients(liveClients),
          m_authRequired(authRequired), m_workerStaleSeconds(workerStaleSeconds)
    {}
    void registerRoutes(Router &router);

private:
    Response health(Request &request);
    Response ready(Request &request);
    bool checkDatabase(double *milliseconds, QString *error);
    QJsonObject batchFigures(bool redisOk);

    Database &m_database;
    RedisClient &m_redis;
    OutboxRepository &m_outbox;
    const QElapsedTimer &m_uptime;
    const std::atomic<int> &m_liveClients;
    bool m_authRequired;
    int m_workerStaleSeconds;
};

} // namespace tickets::server
