#include "worker/BatchWorker.h"

#include "events/Events.h"
#include "outbox/OutboxDelivery.h"
#include "redis/RedisClient.h"
#include "redis/ReliableQueue.h"
#include "storage/Database.h"
#include "storage/NotificacionRepository.h"
#include "storage/OutboxRepository.h"
#include "worker/Logging.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QThread>

namespace tickets::server {

namespace {
constexpr int kFirstWaitMs = 100;
constexpr int kLongestWaitMs = 5000;
constexpr int kEscalationBatch = 100; // tickets announced per transaction

// What became of one try at a task.
struct Outcome
{
    enum class Kind { Done, Failed, DependencyDown } kind = Kind::Done;
    QString reason;
    bool permanent = false; // Failed: trying again cannot help
    QByteArray dependency;  // DependencyDown: "postgresql" or "redis"
};

// Sleeps `ms` in short steps, beating meanwhile, and gives up early when asked to stop.
void waitBeating(int ms, const std::atomic<bool> &stop, ReliableQueue &queue)
{
    for (int waited = 0; waited < ms && !stop.load(); waited += 100) {
        QThread::msleep(static_cast<unsigned long>(qMin(100, ms - waited)));
        try {
            queue.heartbeat();
        } catch (const RedisUnavailable &) {
        }
    }
}
} // namespace

int Backoff::next()
{
    const int base = m_next;
    m_next = qMin(m_cap, m_next * 2);
    const int jitter = base / 4;
    return base - jitter + static_cast<int>(QRandomGenerator::global()->bounded(2 * jitter + 1));
}

BatchWorker::BatchWorker(const Config &config, QByteArray workerId, int staleSeconds)
    : m_config(config), m_workerId(std::move(workerId)), m_staleSeconds(staleSeconds)
{}

int BatchWorker::run(const std::atomic<bool> &stop)
{
    Database database(m_config.database, QStringLiteral("worker"));
    OutboxRepository outbox(database, nullptr);
    NotificacionRepository notificaciones(database, outbox);
    // Commands block up to 1 s in BLMOVE: the client's own timeout must be longer.
    const auto redis = RedisClient::create(m_config.redis, 3000);
    ReliableQueue queue(*redis, m_workerId);
    OutboxDelivery delivery(database, outbox, *redis);
    Backoff backoff(kFirstWaitMs, kLongestWaitMs);
    QElapsedTimer sinceReclaim;    // tasks of workers that die while we run are taken back too
    QElapsedTimer sinceEscalation; // tickets past their due time, looked for every slaScanSeconds
    bool undelivered = false;      // outbox rows of ours wait for a dependency
    int processed = 0;

    auto perform = [&](const QByteArray &raw) -> Outcome {
        const auto task = events::Task::fromJson(raw);
        if (!task)
            return {Outcome::Kind::Failed, QStringLiteral("tarea mal formada (no es JSON con \"tipo\")"), true, {}};
        if (task->tipo != events::tipo::notificarTicketCreado)
            return {Outcome::Kind::Failed, QStringLiteral("tipo de tarea desconocido: ") + task->tipo, true, {}};
        try {
            const auto created = notificaciones.notifyTicketCreado(task->ticketId);
            if (!created)
                return {Outcome::Kind::Failed,
                        QStringLiteral("Ticket no encontrado: ") + task->ticketId.toString(QUuid::WithoutBraces),
                        false,
                        {}};
            qCInfo(lcWorker).noquote() << "task" << task->tipo << task->ticketId.toString(QUuid::WithoutBraces)
                                       << "done:" << created->size() << "notificaciones";
            return {};
        } catch (const DatabaseUnavailable &error) {
            // Down, restarting, too busy: the task is fine, the database is not.
            return {Outcome::Kind::DependencyDown, QString::fromUtf8(error.what()).trimmed(), false, "postgresql"};
        } catch (const std::exception &error) {
            return {Outcome::Kind::Failed, QString::fromUtf8(error.what()).trimmed(), false, {}};
        }
    };

    // A step that must happen once the task is done (complete, fail): retried until Redis is
    // back, unless asked to stop (then the task stays in our list, for a restart to take back).
    auto untilRedisAnswers = [&](const auto &step) {
        for (;;) {
            try {
                step();
                return;
            } catch (const RedisUnavailable &) {
                if (stop.load())
                    throw;
                waitBeating(backoff.next(), stop, queue);
            }
        }
    };

    // Announces the tickets that passed their due time since the last look; a full batch
    // means more are waiting, so it looks again at once.
    auto escalate = [&] {
        if (sinceEscalation.isValid() && sinceEscalation.elapsed() < m_config.slaScanSeconds * 1000LL)
            return;
        try {
            const int announced = notificaciones.notifyVencidos(kEscalationBatch);
            if (announced > 0) {
                qCInfo(lcWorker) << "announced" << announced << "tickets past their due time";
                undelivered = true;
            }
            if (announced < kEscalationBatch)
                sinceEscalation.start();
        } catch (const std::exception &error) {
            // The database is down or busy: the next look finds the same tickets.
            qCWarning(lcWorker).noquote() << "looking for tickets past their due time failed:" << error.what();
            sinceEscalation.start();
        }
    };

    while (!stop.load()) {
        try {
            queue.heartbeat();
            escalate();
            if (!sinceReclaim.isValid() || sinceReclaim.elapsed() > m_staleSeconds * 500LL) {
                const int count = queue.reclaimOrphans(m_staleSeconds);
                if (count > 0)
                    qCInfo(lcWorker) << "took back" << count << "tasks of stopped workers";
                sinceReclaim.start();
            }
            if (undelivered)
                undelivered = delivery.deliverPending().stalled;
            const auto raw = queue.take(1);
            if (!raw)
                continue;
            Outcome outcome = perform(*raw);
            const QByteArray dependency = outcome.dependency;
            bool waiting = false;
            while (outcome.kind == Outcome::Kind::DependencyDown && !stop.load()) {
                if (!waiting) {
                    qCWarning(lcWorker).noquote()
                        << "waiting for" << outcome.dependency << "to come back:" << outcome.reason;
                    queue.setWaiting(outcome.dependency);
                    waiting = true;
                }
                waitBeating(backoff.next(), stop, queue);
                outcome = perform(*raw);
            }
            if (waiting) {
                untilRedisAnswers([&] { queue.clearWaiting(); });
                qCInfo(lcWorker).noquote() << dependency << "is back";
            }
            backoff.reset();
            if (outcome.kind == Outcome::Kind::DependencyDown) {
                // Asked to stop meanwhile: leave() hands the task back to the queue.
                break;
            }
            if (outcome.kind == Outcome::Kind::Failed) {
                int attempts = 0;
                untilRedisAnswers([&] { attempts = queue.fail(*raw, outcome.reason, outcome.permanent); });
                qCWarning(lcWorker).noquote() << "task failed (attempt" << attempts << "):" << outcome.reason;
            } else {
                untilRedisAnswers([&] { queue.complete(*raw); });
                ++processed;
                undelivered = delivery.deliverPending().stalled;
            }
        } catch (const RedisUnavailable &error) {
            // The task in hand (if any) stays in our processing list: done again after a
            // restart at worst, which notifyTicketCreado allows (it is idempotent).
            qCDebug(lcWorker).noquote() << "worker waiting for Redis:" << error.message();
            waitBeating(backoff.next(), stop, queue);
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
