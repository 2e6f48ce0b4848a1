#include "controllers/HealthController.h"

#include "config/Config.h"
#include "domain/Timestamp.h"
#include "http/Request.h"
#include "http/Responses.h"
#include "events/Events.h"
#include "redis/RedisClient.h"
#include "redis/ReliableQueue.h"
#include "storage/OutboxRepository.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QSqlQuery>

namespace tickets::server {

namespace {
QJsonValue milliseconds(double ms)
{
    return qRound(ms * 100) / 100.0;
}
} // namespace

void HealthController::registerRoutes(Router &router)
{
    router.add("GET", QStringLiteral("/health"), [this](Request &r) { return health(r); }, RouteAccess::Public);
    router.add("GET", QStringLiteral("/health/ready"), [this](Request &r) { return ready(r); }, RouteAccess::Public);
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
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        qint64 processing = 0;
        qint64 lastBeat = 0;
        int alive = 0;
        const RedisReply workers = m_redis.command({"HGETALL", ReliableQueue::kWorkers});
        for (qsizetype i = 0; i + 1 < workers.elements.size(); i += 2) {
            const qint64 beat = workers.elements[i + 1].string.toLongLong();
            lastBeat = qMax(lastBeat, beat);
            alive += now - beat < 30 ? 1 : 0;
            processing += m_redis.command({"LLEN", ReliableQueue::kProcessingPrefix + workers.elements[i].string}).integer;
        }
        figures.insert(QStringLiteral("cola_pendientes"), m_redis.command({"LLEN", events::kQueue}).integer);
        figures.insert(QStringLiteral("cola_procesando"), processing);
        figures.insert(QStringLiteral("cola_fallidas"), m_redis.command({"LLEN", events::kFailedQueue}).integer);
        figures.insert(QStringLiteral("trabajadores_activos"), alive);
        figures.insert(QStringLiteral("ultimo_latido"),
                       lastBeat > 0 ? QJsonValue(formatTimestamp(QDateTime::fromSecsSinceEpoch(lastBeat, Qt::UTC)))
                                    : QJsonValue(QJsonValue::Null));
    } catch (const RedisUnavailable &) {
    }
    return figures;
}

QHttpServerResponse HealthController::health(Request &request)
{
    request.finish();
    double databaseMs = 0;
    double redisMs = 0;
    QString databaseError;
    QString redisError;
    const bool databaseOk = checkDatabase(&databaseMs, &databaseError);
    const bool redisOk = m_redis.ping(&redisMs, &redisError);

    QJsonObject body{
        {QStringLiteral("status"), databaseOk && redisOk ? QStringLiteral("ok") : QStringLiteral("degraded")},
        {QStringLiteral("timestamp"), currentTimestamp()},
        {QStringLiteral("services"),
         QJsonObject{{QStringLiteral("redis"), redisOk ? QStringLiteral("ok") : QStringLiteral("error: ") + redisError},
                     {QStringLiteral("database"),
                      databaseOk ? QStringLiteral("ok") : QStringLiteral("error: ") + databaseError}}},
    };
    // With AUTH_REQUIRED the figures are for admins; everyone else gets the contract's shape.
    if (!request.access().allows(Permission::SeeHealthDetails))
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
    body.insert(QStringLiteral("autenticacion"), m_authRequired ? QStringLiteral("requerida") : QStringLiteral("desactivada"));
    if (!m_authRequired)
        body.insert(QStringLiteral("advertencias"), QJsonArray{kAuthDisabledWarning});
    return jsonResponse(body);
}

QHttpServerResponse HealthController::ready(Request &request)
{
    request.finish();
    double ms = 0;
    QString error;
    if (!checkDatabase(&ms, &error))
        return jsonResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("unavailable")},
                                        {QStringLiteral("detail"), detail::baseDeDatosNoDisponible}},
                            503);
    return jsonResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("ready")}});
}

} // namespace tickets::server
