#include "controllers/HealthController.h"

#include "domain/Timestamp.h"
#include "http/Request.h"
#include "http/Responses.h"
#include "redis/RedisClient.h"
#include "storage/Database.h"

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
    router.add("GET", QStringLiteral("/health"), [this](Request &r) { return health(r); });
    router.add("GET", QStringLiteral("/health/ready"), [this](Request &r) { return ready(r); });
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

QHttpServerResponse HealthController::health(Request &request)
{
    request.finish();
    double databaseMs = 0;
    double redisMs = 0;
    QString databaseError;
    QString redisError;
    const bool databaseOk = checkDatabase(&databaseMs, &databaseError);
    const bool redisOk = m_redis.ping(&redisMs, &redisError);

    QJsonObject latencies;
    if (databaseOk)
        latencies.insert(QStringLiteral("database"), milliseconds(databaseMs));
    if (redisOk)
        latencies.insert(QStringLiteral("redis"), milliseconds(redisMs));
    return jsonResponse(QJsonObject{
        {QStringLiteral("status"), databaseOk && redisOk ? QStringLiteral("ok") : QStringLiteral("degraded")},
        {QStringLiteral("timestamp"), currentTimestamp()},
        {QStringLiteral("services"),
         QJsonObject{{QStringLiteral("redis"), redisOk ? QStringLiteral("ok") : QStringLiteral("error: ") + redisError},
                     {QStringLiteral("database"),
                      databaseOk ? QStringLiteral("ok") : QStringLiteral("error: ") + databaseError}}},
        {QStringLiteral("version"), QStringLiteral(TICKETS_VERSION)},
        {QStringLiteral("uptime_segundos"), m_uptime.elapsed() / 1000},
        {QStringLiteral("latencia_ms"), latencies},
    });
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
