#pragma once
// The admins' health tab: a traffic light per service, the server's figures (queue, failed
// tasks, outbox, worker heartbeat, live clients) and the last minutes of round-trip times.

#include <QWidget>

class QChart;
class QChartView;
class QFormLayout;
class QLabel;
class QLineSeries;
class QValueAxis;
class QDateTimeAxis;

namespace tickets::client {

class HealthMonitor;

class HealthPanel : public QWidget
{
    Q_OBJECT
public:
    explicit HealthPanel(HealthMonitor &monitor, QWidget *parent = nullptr);

    enum class Light { Green, Amber, Red, Unknown };
    Light light(const QString &service) const; // "database", "redis", "worker", "queue"
    QString figure(const QString &name) const;

private:
    void update();
    void setLight(const QString &service, Light light, const QString &text);

    HealthMonitor &m_monitor;
    QHash<QString, QLabel *> m_lights;
    QHash<QString, Light> m_states;
    QHash<QString, QLabel *> m_figures;
    QFormLayout *m_form;
    QLineSeries *m_roundTrip;
    QLineSeries *m_database;
    QLineSeries *m_redis;
    QDateTimeAxis *m_time;
    QValueAxis *m_ms;
};

} // namespace tickets::client
