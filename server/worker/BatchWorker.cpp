#include "worker/BatchWorker.h"

#include "events/Events.h"
#include "redis/RedisClient.h"
#include "redis/ReliableQueue.h"
#include "storage/Database.h"
#include "storage/NotificacionRepository.h"
#include "storage/OutboxRepository.h"
#include "worker/Logging.h"

#include <QElapsedTimer>
#include <QThread>

namespace tickets::server {

namespace {
// The reason a task cannot be done, and whether trying again could help.
struct TaskFailure
{
    QString reason;
    bool permanent;
};
} // namespace

BatchWorker::BatchWorker(const Config &config, QByteArray workerId, int staleSeconds)
    : m_config(config), m_workerId(std::move(workerId)), m_staleSeconds(staleSeconds)
{}

int BatchWorker::run(const std::atomic<bool> &stop)
{
    Database database(m_config.database, QStringLiteral("worker"));
    OutboxRepository outbox(database);
    NotificacionRepository notificaciones(database, outbox);
    // Commands block up to 1 s in BLMOVE: the client's own timeout must be longer.
    const auto redis = RedisClient::create(m_config.redis, 3000);
    ReliableQueue queue(*redis, m_workerId);
    bool reclaimed = false;
    int processed = 0;

    auto perform = [&](const QByteArray &raw) -> std::optional<TaskFailure> {
        const auto task = events::Task::fromJson(raw);
        if (!task)
            return TaskFailure{QStringLiteral("tarea mal formada (no es JSON con \"tipo\")"), true};
        if (task->tipo != events::tipo::notificarTicketCreado)
            return TaskFailure{QStringLiteral("tipo de tarea desconocido: ") + task->tipo, true};
        try {
            const auto created = notificaciones.notifyTicketCreado(task->ticketId);
            if (!created)
                return TaskFailure{
                    QStringLiteral("Ticket no encontrado: ") + task->ticketId.toString(QUuid::WithoutBraces), false};
            qCInfo(lcWorker).noquote() << "task" << task->tipo << task->ticketId.toString(QUuid::WithoutBraces)
                                       << "done:" << created->size() << "notificaciones";
            return std::nullopt;
        } catch (const std::exception &error) {
            return TaskFailure{QString::fromUtf8(error.what()).trimmed(), false};
        }
    };

    while (!stop.load()) {
        try {
            queue.heartbeat();
            if (!reclaimed) {
                const int count = queue.reclaimOrphans(m_staleSeconds);
                if (count > 0)
                    qCInfo(lcWorker) << "took back" << count << "tasks of stopped workers";
                reclaimed = true;
            }
            const auto raw = queue.take(1);
            if (!raw)
                continue;
            // From here the task is finished whatever the stop flag says.
            if (const auto failure = perform(*raw)) {
                const int attempts = queue.fail(*raw, failure->reason, failure->permanent);
                qCWarning(lcWorker).noquote() << "task failed (attempt" << attempts << "):" << failure->reason;
            } else {
                queue.complete(*raw);
                ++processed;
            }
        } catch (const RedisUnavailable &error) {
            qCDebug(lcWorker).noquote() << "worker waiting for Redis:" << error.message();
            QThread::msleep(500);
        }
    }
    try {
        queue.leave();
    } catch (const RedisUnavailable &) {
        // Our heartbeat stops; the next worker takes our list back.
    }
    qCInfo(lcWorker) << "worker" << m_workerId << "stopped after" << processed << "tasks";
    return 0;
}

} // namespace tickets::server
