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
        const auto &figures = result.value->figures;
        Sample sample{QDateTime::currentDateTime(), result.value->roundTripMs,
                      figures ? figures->databaseMs.value_or(-1) : -1, figures ? figures->redisMs.value_or(-1) : -1};
        m_history.append(sample);
        const QDateTime oldest = sample.at.addSecs(-kHistorySeconds);
        while (!m_history.isEmpty() && m_history.first().at < oldest)
            m_history.removeFirst();
        Q_EMIT updated();
    });
}

} // namespace tickets::client
