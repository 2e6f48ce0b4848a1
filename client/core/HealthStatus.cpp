#include "core/HealthStatus.h"

#include "domain/Timestamp.h"

namespace tickets::client {

namespace {
std::optional<qint64> integerOf(const QJsonValue &value)
{
    return value.isDouble() ? std::optional<qint64>(value.toInteger()) : std::nullopt;
}

std::optional<double> numberOf(const QJsonValue &value)
{
    return value.isDouble() ? std::optional<double>(value.toDouble()) : std::nullopt;
}
} // namespace

HealthStatus HealthStatus::fromJson(const QJsonObject &object, double roundTripMs)
{
    HealthStatus status;
    status.ok = object.value(QStringLiteral("status")).toString() == QLatin1String("ok");
    const QJsonObject services = object.value(QStringLiteral("services")).toObject();
    status.database = services.value(QStringLiteral("database")).toString();
    status.redis = services.value(QStringLiteral("redis")).toString();
    status.roundTripMs = roundTripMs;
    // The figures come together: the admins' shape always has a version.
    if (!object.contains(QStringLiteral("version")))
        return status;
    HealthFigures figures;
    figures.version = object.value(QStringLiteral("version")).toString();
    figures.uptimeSeconds = integerOf(object.value(QStringLiteral("uptime_segundos")));
    const QJsonObject latencies = object.value(QStringLiteral("latencia_ms")).toObject();
    figures.databaseMs = numberOf(latencies.value(QStringLiteral("database")));
    figures.redisMs = numberOf(latencies.value(QStringLiteral("redis")));
    figures.liveClients = integerOf(object.value(QStringLiteral("clientes_en_vivo")));
    const QJsonObject batch = object.value(QStringLiteral("batch")).toObject();
    figures.queuePending = integerOf(batch.value(QStringLiteral("cola_pendientes")));
    figures.queueInProgress = integerOf(batch.value(QStringLiteral("cola_procesando")));
    figures.queueFailed = integerOf(batch.value(QStringLiteral("cola_fallidas")));
    figures.outboxPending = integerOf(batch.value(QStringLiteral("outbox_pendiente")));
    figures.workersAlive = integerOf(batch.value(QStringLiteral("trabajadores_activos")));
    figures.lastHeartbeat = parseTimestamp(batch.value(QStringLiteral("ultimo_latido")).toString());
    status.figures = figures;
    return status;
}

} // namespace tickets::client
