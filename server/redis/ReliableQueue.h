#pragma once
// cola:batch:procesar consumed so that no task is lost or done twice:
//  - take() moves a task atomically (BLMOVE) to this worker's list cola:batch:procesando:<id>,
//    where it stays until complete() or fail();
//  - a failed task goes back to the queue, and after 3 tries to cola:batch:fallidos with its error;
//  - every worker beats in the hash cola:batch:trabajadores; at start-up, the tasks of workers
//    whose heartbeat stopped (they died) are taken back into the queue.

#include "redis/RedisClient.h"

#include <QStringList>

#include <optional>

namespace tickets::server {

class ReliableQueue
{
public:
    static constexpr int kMaxAttempts = 3;
    static constexpr char kProcessingPrefix[] = "cola:batch:procesando:";
    static constexpr char kWorkers[] = "cola:batch:trabajadores";
    static constexpr char kAttempts[] = "cola:batch:intentos";
    // Workers that hold a task while a dependency is down: worker id -> "postgresql" (or the
    // dependency they wait for), so /health can say so.
    static constexpr char kWaiting[] = "cola:batch:esperando";

    ReliableQueue(RedisClient &redis, QByteArray workerId) : m_redis(redis), m_workerId(std::move(workerId)) {}

    QByteArray processingList() const { return kProcessingPrefix + m_workerId; }

    // Waits up to `timeoutSeconds` for a task.
    std::optional<QByteArray> take(int timeoutSeconds);
    void complete(const QByteArray &task);
    // Back to the queue, or to cola:batch:fallidos after kMaxAttempts (or at once when `permanent`).
    // Returns the attempts so far.
    int fail(const QByteArray &task, const QString &error, bool permanent);

    void heartbeat();
    // This worker waits for `dependency` (an outage, not a failure of the task), or no longer.
    void setWaiting(const QByteArray &dependency);
    void clearWaiting();
    void leave(); // a clean stop: nothing of ours is left to reclaim
    // Moves the tasks of workers silent for `staleSeconds` back to the queue; returns how many.
    int reclaimOrphans(int staleSeconds);

    // The queue as /health shows it. A worker counts as alive while its heartbeat is younger
    // than `staleSeconds` (TICKETS_WORKER_STALE_S, the same threshold reclaimOrphans uses).
    struct Stats
    {
        qint64 pending = 0;    // cola:batch:procesar
        qint64 inProgress = 0; // every worker's processing list
        qint64 failed = 0;     // cola:batch:fallidos
        int aliveWorkers = 0;
        QStringList waitingFor; // the dependency each waiting (and alive) worker waits for
        qint64 lastBeat = 0;    // seconds since the epoch, 0 when no worker ever beat
    };
    static Stats stats(RedisClient &redis, int staleSeconds);

private:
    RedisClient &m_redis;
    QByteArray m_workerId;
};

} // namespace tickets::server
