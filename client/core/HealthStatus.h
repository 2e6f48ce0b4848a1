#pragma once
// What GET /health says, typed: the contract's short shape (status and services) for everyone,
// and the figures the server adds for admins. A figure the server left out (or sent as null)
// stays empty, so the health panel shows "—" for it rather than a made-up zero.

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace tickets::client {

struct HealthFigures
{
    QString version;
    std::optional<qint64> uptimeSeconds; // uptime_segundos
    std::optional<double> databaseMs;    // latencia_ms: the server's own round trip to each service,
    std::optional<double> redisMs;       //   absent while that service is down
    std::optional<qint64> liveClients;   // clientes_en_vivo
    // batch: the worker's queue and the outbox
    std::optional<qint64> queuePending;    // cola_pendientes
    std::optional<qint64> queueInProgress; // cola_procesando
    std::optional<qint64> queueFailed;     // cola_fallidas
    std::optional<qint64> outboxPending;   // outbox_pendiente
    std::optional<qint64> workersAlive;    // trabajadores_activos
    QDateTime lastHeartbeat;               // ultimo_latido; invalid when no worker ever beat
};

struct HealthStatus
{
    bool ok = false;
    QString database; // "ok" or "error: ..."
    QString redis;
    double roundTripMs = 0;               // the whole request, as the client saw it
    std::optional<HealthFigures> figures; // admins only

    static HealthStatus fromJson(const QJsonObject &object, double roundTripMs);
};

} // namespace tickets::client
