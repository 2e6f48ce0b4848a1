#include "ui/HealthPanel.h"

#include "core/HealthMonitor.h"
#include "domain/Timestamp.h"
#include "ui/Palette.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>

namespace tickets::client {

namespace {
QColor colorOf(HealthPanel::Light light)
{
    switch (light) {
    case HealthPanel::Light::Green: return palette::good;
    case HealthPanel::Light::Amber: return palette::warning;
    case HealthPanel::Light::Red: return palette::danger;
    case HealthPanel::Light::Unknown: break;
    }
    return palette::unknown;
}
} // namespace

HealthPanel::HealthPanel(HealthMonitor &monitor, QWidget *parent)
    : QWidget(parent), m_monitor(monitor), m_form(new QFormLayout), m_roundTrip(new QLineSeries(this)),
      m_database(new QLineSeries(this)), m_redis(new QLineSeries(this)), m_time(new QDateTimeAxis(this)),
      m_ms(new QValueAxis(this))
{
    setObjectName(QStringLiteral("healthPanel"));
    auto *lights = new QGridLayout;
    const QList<QPair<QString, QString>> services{{QStringLiteral("database"), tr("Base de datos")},
                                                  {QStringLiteral("redis"), tr("Redis")},
                                                  {QStringLiteral("worker"), tr("Trabajador")},
                                                  {QStringLiteral("queue"), tr("Cola")}};
    int column = 0;
    for (const auto &[key, name] : services) {
        auto *dot = new QLabel(this);
        dot->setObjectName(QStringLiteral("light-") + key);
        dot->setFixedSize(18, 18);
        auto *label = new QLabel(name, this);
        label->setObjectName(QStringLiteral("lightText-") + key);
        lights->addWidget(dot, 0, column * 2);
        lights->addWidget(label, 0, column * 2 + 1);
        m_lights.insert(key, dot);
        m_lights.insert(key + QStringLiteral("-text"), label);
        ++column;
    }
    lights->setColumnStretch(column * 2, 1);

    const QList<QPair<QString, QString>> figures{
        {QStringLiteral("version"), tr("Versión")},
        {QStringLiteral("uptime_segundos"), tr("En marcha (s)")},
        {QStringLiteral("ida_y_vuelta"), tr("Ida y vuelta (ms)")},
        {QStringLiteral("cola_pendientes"), tr("Tareas en cola")},
        {QStringLiteral("cola_procesando"), tr("Tareas en proceso")},
        {QStringLiteral("cola_fallidas"), tr("Tareas fallidas")},
        {QStringLiteral("outbox_pendiente"), tr("Eventos por entregar (outbox)")},
        {QStringLiteral("trabajadores_activos"), tr("Trabajadores activos")},
        {QStringLiteral("ultimo_latido"), tr("Último latido del trabajador")},
        {QStringLiteral("clientes_en_vivo"), tr("Clientes en vivo")},
    };
    for (const auto &[key, name] : figures) {
        auto *value = new QLabel(QStringLiteral("—"), this);
        value->setObjectName(QStringLiteral("figure-") + key);
        m_figures.insert(key, value);
        m_form->addRow(name, value);
    }

    auto *chart = new QChart;
    chart->setTitle(tr("Tiempos de ida y vuelta (últimos 10 minutos)"));
    m_roundTrip->setName(tr("Petición /health"));
    m_database->setName(tr("PostgreSQL"));
    m_redis->setName(tr("Redis"));
    for (QLineSeries *series : {m_roundTrip, m_database, m_redis})
        chart->addSeries(series);
    m_time->setFormat(QStringLiteral("HH:mm"));
    m_ms->setTitleText(QStringLiteral("ms"));
    m_ms->setLabelFormat(QStringLiteral("%.1f"));
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_ms, Qt::AlignLeft);
    for (QLineSeries *series : {m_roundTrip, m_database, m_redis}) {
        series->attachAxis(m_time);
        series->attachAxis(m_ms);
    }
    auto *view = new QChartView(chart, this);
    view->setObjectName(QStringLiteral("roundTripChart"));
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(lights);
    layout->addLayout(m_form);
    layout->addWidget(view, 1);
    connect(&m_monitor, &HealthMonitor::updated, this, &HealthPanel::update);
    update();
}

void HealthPanel::setLight(const QString &service, Light light, const QString &text)
{
    m_states.insert(service, light);
    m_lights.value(service)->setStyleSheet(
        QStringLiteral("background: %1; border-radius: 9px;").arg(colorOf(light).name()));
    m_lights.value(service)->setToolTip(text);
    m_lights.value(service + QStringLiteral("-text"))->setToolTip(text);
}

HealthPanel::Light HealthPanel::light(const QString &service) const
{
    return m_states.value(service, Light::Unknown);
}

QString HealthPanel::figure(const QString &name) const
{
    const QLabel *label = m_figures.value(name);
    return label ? label->text() : QString();
}

void HealthPanel::update()
{
    const auto &status = m_monitor.last();
    if (!status) {
        for (const QString &service :
             {QStringLiteral("database"), QStringLiteral("redis"), QStringLiteral("worker"), QStringLiteral("queue")})
            setLight(service, Light::Unknown, tr("Sin respuesta del servidor"));
        return;
    }
    const auto serviceLight = [](const QString &text) {
        return text == QLatin1String("ok") ? Light::Green : Light::Red;
    };
    setLight(QStringLiteral("database"), serviceLight(status->database), status->database);
    setLight(QStringLiteral("redis"), serviceLight(status->redis), status->redis);

    const HealthFigures figures = status->figures.value_or(HealthFigures{});
    const qint64 workers = figures.workersAlive.value_or(-1);
    setLight(QStringLiteral("worker"),
             workers < 0   ? Light::Unknown
             : workers > 0 ? Light::Green
                           : Light::Red,
             tr("%1 trabajadores activos").arg(qMax<qint64>(workers, 0)));
    const qint64 failed = figures.queueFailed.value_or(0);
    const qint64 pending = figures.queuePending.value_or(0);
    setLight(QStringLiteral("queue"),
             failed > 0      ? Light::Red
             : pending > 100 ? Light::Amber
                             : Light::Green,
             tr("%1 en cola, %2 fallidas").arg(pending).arg(failed));

    const QString none = QStringLiteral("—");
    auto show = [this, &none](const QString &key, const std::optional<qint64> &value) {
        m_figures.value(key)->setText(value ? QString::number(*value) : none);
    };
    m_figures.value(QStringLiteral("version"))->setText(figures.version.isEmpty() ? none : figures.version);
    show(QStringLiteral("uptime_segundos"), figures.uptimeSeconds);
    show(QStringLiteral("clientes_en_vivo"), figures.liveClients);
    show(QStringLiteral("cola_pendientes"), figures.queuePending);
    show(QStringLiteral("cola_procesando"), figures.queueInProgress);
    show(QStringLiteral("cola_fallidas"), figures.queueFailed);
    show(QStringLiteral("outbox_pendiente"), figures.outboxPending);
    show(QStringLiteral("trabajadores_activos"), figures.workersAlive);
    m_figures.value(QStringLiteral("ultimo_latido"))
        ->setText(figures.lastHeartbeat.isValid() ? formatTimestamp(figures.lastHeartbeat) : none);
    m_figures.value(QStringLiteral("ida_y_vuelta"))->setText(QString::number(status->roundTripMs, 'f', 1));

    QList<QPointF> roundTrip, database, redis;
    double top = 1;
    for (const HealthMonitor::Sample &sample : m_monitor.history()) {
        const qreal x = sample.at.toMSecsSinceEpoch();
        roundTrip.append({x, sample.roundTripMs});
        top = qMax(top, sample.roundTripMs);
        if (sample.databaseMs >= 0)
            database.append({x, sample.databaseMs});
        if (sample.redisMs >= 0)
            redis.append({x, sample.redisMs});
    }
    m_roundTrip->replace(roundTrip);
    m_database->replace(database);
    m_redis->replace(redis);
    const QDateTime now = QDateTime::currentDateTime();
    m_time->setRange(now.addSecs(-HealthMonitor::kHistorySeconds), now);
    m_ms->setRange(0, top * 1.2);
}

} // namespace tickets::client
