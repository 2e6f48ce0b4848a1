#pragma once
// The threads that run the routes that change something (RouteExecution::WritePool), each with
// its own PostgreSQL and Redis connections and its own copy of the API. The event-loop threads
// read requests and hand writes over: a transaction waiting for its commit holds neither an
// event loop nor the other connections of that thread, and as many commits as there are pool
// threads share a flush of the WAL (group commit) instead of one per event-loop thread.

#include "http/Message.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QWaitCondition>

#include <deque>
#include <memory>
#include <vector>

class QThread;

namespace tickets::server {

struct ServerRuntime;

class WritePool
{
public:
    // `threads` > 0. At most `queueLimit` requests wait for a thread; more get 503 at once.
    WritePool(ServerRuntime &runtime, int threads, int queueLimit);
    // Runs what is queued, then stops the threads.
    ~WritePool();
    WritePool(const WritePool &) = delete;
    WritePool &operator=(const WritePool &) = delete;

    // The request's answer, computed on a pool thread; null when the queue is full.
    std::shared_ptr<http::Deferred> submit(const http::Request &request, const QByteArray &requestId);

private:
    struct Job;
    class Worker;

    // The next job, waiting for one; null once the pool stops and nothing is left.
    std::shared_ptr<Job> next();

    ServerRuntime &m_runtime;
    const int m_queueLimit;
    QMutex m_mutex;
    QWaitCondition m_ready;
    std::deque<std::shared_ptr<Job>> m_queue;
    bool m_stopping = false;
    QElapsedTimer m_sinceFullWarning; // one warning a minute while the queue overflows
    std::vector<std::unique_ptr<QThread>> m_threads;
};

} // namespace tickets::server
