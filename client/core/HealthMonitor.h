#pragma once
// Polls /health every few seconds and keeps the last minutes of round-trip times, for the
// admins' health panel.

#include "core/ApiClient.h"

#include <QDateTime>
#include <QTimer>

namespace tickets::client {

class HealthMonitor : public QObject
{
    Q_OBJECT
public:
    struct Sample
    {
        QDateTime at;
        double roundTripMs = 0; // the whole /health request, as the client saw it
        double databaseMs = -1; // as the server measured them; -1 unknown
        double redisMs = -1;
    };

    explicit HealthMonitor(ApiClient &api, QObject *parent = nullptr);

    void start(int intervalMs = 5000);
    void stop();
    void poll();
    const std::optional<HealthStatus> &last() const { return m_last; }
    const QList<Sample> &history() const { return m_history; }
    static constexpr int kHistorySeconds = 10 * 60;

Q_SIGNALS:
    void updated();
    void failed(const QString &message);

private:
    ApiClient &m_api;
    QTimer m_timer;
    std::optional<HealthStatus> m_last;
    QList<Sample> m_history;
};

} // namespace tickets::client
