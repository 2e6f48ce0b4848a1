#include "core/HealthMonitor.h"

namespace tickets::client {

HealthMonitor::HealthMonitor(ApiClient &api, QObject *parent) : QObject(parent), m_api(api), m_timer(this)
{
    connect(&m_timer, &QTimer::timeout, this, &HealthMonitor::poll);
}

void HealthMonitor::start(int intervalMs)
{
    m_timer.start(intervalMs);
    poll();
}

void HealthMonitor::stop()
{
    m_timer.stop();
}

void HealthMonitor::poll()
{
    m_api.health(this, [this](Result<HealthStatus> result) {
        if (!result.ok()) {
            m_last.reset();
            Q_EMIT failed(result.error.message);
            Q_EMIT updated();
            return;
        }
        m_last = result.value;
        const QJsonObject latencies = result.value->figures.value(QStringLiteral("latencia_ms")).toObject();
        Sample sample{QDateTime::currentDateTime(), result.value->roundTripMs,
                      latencies.value(QStringLiteral("database")).toDouble(-1),
                      latencies.value(QStringLiteral("redis")).toDouble(-1)};
        m_history.append(sample);
        const QDateTime oldest = sample.at.addSecs(-kHistorySeconds);
        while (!m_history.isEmpty() && m_history.first().at < oldest)
            m_history.removeFirst();
        Q_EMIT updated();
    });
}

} // namespace tickets::client
