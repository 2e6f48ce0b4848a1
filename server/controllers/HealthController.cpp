#include "controllers/HealthController.h"

#include "api/Replies.h"
#include "api/Request.h"
#include "config/Config.h"
#include "domain/Timestamp.h"
#include "protocol/ErrorKind.h"
#include "protocol/Messages.h"
#include "protocol/Routes.h"
#include "redis/RedisClient.h"
#include "redis/ReliableQueue.h"
#include "storage/Database.h"
#include "storage/OutboxRepository.h"

#include <QJsonArray>
#include <QSqlQuery>

namespace tickets::server {

using protocol::Error;
namespace msg = protocol::msg;

namespace {
QJsonValue milliseconds(double ms)
{
    return qRound(ms * 100) / 100.0;
}
} // namespace

void HealthController::registerRoutes(Router &router)
{
    router.add(
        "GET", protocol::route::health, [this](Request &r) { return health(r); }, RouteAccess::Public);
    router.add(
        "GET", protocol::route::healthReady, [this](Request &r) { return ready(r); }, RouteAccess::Public);
}

bool HealthController::checkDatabase(double *ms, QString *error)
{
    QElapsedTimer timer;
    timer.start();
    try {
        m_database.read([&] {
            QSqlQuery &query = m_database.prepared(QStringLiteral("SELECT 1"));
            m_database.exec(query);
            query.finish();
        });
    } catch (const std::exception &failure) {
        *error = QString::fromUtf8(failure.what()).trimmed();
        return false;
    }
    *ms = timer.nsecsElapsed() / 1e6;
    return true;
}

// The batch side for the admins' panel: queue, tasks in progress, failed tasks, outbox
// backlog, and the workers' heartbeats.
QJsonObject HealthController::batchFigures(bool redisOk)
{
    QJsonObject figures;
    try {
        figures.insert(QStringLiteral("outbox_pendiente"), m_outbox.backlog());
    } catch (const std::exception &) {
        figures.insert(QStringLiteral("outbox_pendiente"), QJsonValue::Null);
    }
    if (!redisOk)
        return figures;
    try {
        const ReliableQueue::Stats queue = ReliableQueue::stats(m_redis, m_workerStaleSeconds);
        figures.insert(QStringLiteral("cola_pendientes"), queue.pending);
        figures.insert(QStringLiteral("cola_procesando"), queue.inProgress);
        figures.insert(QStringLiteral("cola_fallidas"), queue.failed);
        figures.insert(QStringLiteral("trabajadores_activos"), queue.aliveWorkers);
        // Workers holding a task until a dependency comes back (an outage is not a failed attempt).
        figures.insert(QStringLiteral("trabajadores_esperando"), QJsonArray::fromStringList(queue.waitingFor));
        figures.insert(QStringLiteral("ultimo_latido"),
                       queue.lastBeat > 0
                           ? QJsonValue(formatTimestamp(QDateTime::fromSecsSinceEpoch(queue.lastBeat, Qt::UTC)))
                           : QJsonValue(QJsonValue::Null));
    } catch (const RedisUnavailable &) {
    }
    return figures;
}

Response HealthController::health(Request &request)
{
    request.finish();
    double databaseMs = 0;
    double redisMs = 0;
    QString databaseError;
    QString redisError;
    const bool databaseOk = checkDatabase(&databaseMs, &databaseError);
    const bool redisOk = m_redis.ping(&redisMs, &redisError);
    // The reasons (addresses, user names, server versions) only for admins (and for everyone
    // in open mode, the original contract); everyone else reads a bare "error".
    const Access &access = request.access();
    if (!access.allows(Permission::SeeHealthDetails)) {
        databaseError.clear();
        redisError.clear();
    }
    const auto problem = [](const QString &reason) {
        return reason.isEmpty() ? QStringLiteral("error") : QStringLiteral("error: ") + reason;
    };

    QJsonObject body{
        {QStringLiteral("status"), databaseOk && redisOk ? QStringLiteral("ok") : QStringLiteral("degraded")},
        {QStringLiteral("timestamp"), currentTimestamp()},
        {QStringLiteral("services"),
         QJsonObject{{QStringLiteral("redis"), redisOk ? QStringLiteral("ok") : problem(redisError)},
                     {QStringLiteral("database"), databaseOk ? QStringLiteral("ok") : problem(databaseError)}}},
    };
    // With AUTH_REQUIRED the figures are for admins; everyone else gets the contract's shape.
    if (!access.allows(Permission::SeeHealthDetails))
        return jsonResponse(body);

    QJsonObject latencies;
    if (databaseOk)
        latencies.insert(QStringLiteral("database"), milliseconds(databaseMs));
    if (redisOk)
        latencies.insert(QStringLiteral("redis"), milliseconds(redisMs));
    body.insert(QStringLiteral("version"), QStringLiteral(TICKETS_VERSION));
    body.insert(QStringLiteral("uptime_segundos"), m_uptime.elapsed() / 1000);
    body.insert(QStringLiteral("latencia_ms"), latencies);
    body.insert(QStringLiteral("batch"), batchFigures(redisOk));
    body.insert(QStringLiteral("clientes_en_vivo"), m_liveClients.load());
    body.insert(QStringLiteral("autenticacion"),
                m_authRequired ? QStringLiteral("requerida") : QStringLiteral("desactivada"));
    if (!m_authRequired)
        body.insert(QStringLiteral("advertencias"), QJsonArray{kAuthDisabledWarning});
    return jsonResponse(body);
}

Response HealthController::ready(Request &request)
{
    request.finish();
    double ms = 0;
    QString error;
    if (!checkDatabase(&ms, &error))
        return jsonResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("unavailable")},
                                        {QStringLiteral("detail"), msg::baseDeDatosNoDisponible}},
                            503);
    return jsonResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("ready")}});
}

} // namespace tickets::server
