#pragma once
// tickets-worker's loop: take a task, do it, complete or fail it; beat; stop between tasks.
// An outage is not a failure: while PostgreSQL or Redis is unreachable the task in hand waits
// (exponential back-off with jitter, still beating, shown by /health as waiting) and is tried
// again once the dependency is back; only errors of the task itself count towards its 3
// attempts. The outbox rows the worker writes (notificacion_creada) are delivered by the
// worker itself right after each task. Every half of TICKETS_WORKER_STALE_S the worker takes
// back the tasks of workers whose heartbeat stopped (not only at start-up).

#include "config/Config.h"

#include <QByteArray>

#include <atomic>

namespace tickets::server {

// Waits that double from `first` to `cap`, each with up to ±25 % jitter so that workers that
// lost the same dependency do not come back in lockstep.
class Backoff
{
public:
    Backoff(int firstMs, int capMs) : m_first(firstMs), m_cap(capMs), m_next(firstMs) {}
    int next(); // milliseconds to wait now
    void reset() { m_next = m_first; }

private:
    int m_first;
    int m_cap;
    int m_next;
};

class BatchWorker
{
public:
    BatchWorker(const Config &config, QByteArray workerId, int staleSeconds);

    // Runs until `stop` becomes true; the task in hand is finished first, or (when a
    // dependency is down) handed back to the queue.
    int run(const std::atomic<bool> &stop);

private:
    const Config &m_config;
    QByteArray m_workerId;
    int m_staleSeconds;
};

} // namespace tickets::server
