#include "app/WritePool.h"

#include "api/AccessLog.h"
#include "api/ErrorMapping.h"
#include "app/Api.h"
#include "app/ApiHandler.h"
#include "app/Logging.h"
#include "app/ServerRuntime.h"
#include "protocol/ErrorKind.h"
#include "redis/RedisClient.h"
#include "storage/Database.h"

#include <QPromise>
#include <QThread>

#include <optional>

namespace tickets::server {

struct WritePool::Job
{
    http::Request request;
    QByteArray requestId;
    QPromise<void> done;
    std::optional<http::Response> response;
    qint64 roundTrips = 0;
};

class WritePool::Worker : public QThread
{
public:
    Worker(WritePool &pool, int index) : m_pool(pool) { setObjectName(QStringLiteral("write-%1").arg(index)); }

protected:
    void run() override
    {
        ServerRuntime &runtime = m_pool.m_runtime;
        Database database(runtime.config.database, objectName());
        database.open(); // warm up; a failure here is retried by the first request
        const auto redis = RedisClient::create(runtime.config.redis);
        Api api(database, *redis, runtime);
        const AccessLog unused(false); // the event-loop thread that read the request logs it
        ApiHandler handler(api.router(), api.authenticator(), runtime.cors, unused);
        while (const std::shared_ptr<Job> job = m_pool.next()) {
            const qint64 before = database.roundTrips();
            http::Response response = handler.serve(job->request, job->requestId);
            if (response.deferred)
                response = finishHere(*response.deferred, job->requestId);
            job->response = std::move(response);
            job->roundTrips = database.roundTrips() - before;
            job->done.finish();
        }
    }

private:
    // A write route that defers its own work (none does) is waited for on this thread.
    static http::Response finishHere(http::Deferred &deferred, const QByteArray &requestId)
    {
        try {
            deferred.work.waitForFinished();
            return deferred.finish();
        } catch (...) {
            return responseForCurrentException(requestId);
        }
    }

    WritePool &m_pool;
};

WritePool::WritePool(ServerRuntime &runtime, int threads, int queueLimit) : m_runtime(runtime), m_queueLimit(queueLimit)
{
    for (int i = 0; i < threads; ++i) {
        m_threads.push_back(std::make_unique<Worker>(*this, i));
        m_threads.back()->start();
    }
}

WritePool::~WritePool()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
    }
    m_ready.wakeAll();
    for (auto &thread : m_threads)
        thread->wait();
}

std::shared_ptr<http::Deferred> WritePool::submit(const http::Request &request, const QByteArray &requestId)
{
    auto job = std::make_shared<Job>();
    job->request = request;
    job->requestId = requestId;
    job->done.start();
    {
        QMutexLocker lock(&m_mutex);
        if (m_stopping || static_cast<int>(m_queue.size()) >= m_queueLimit) {
            if (!m_sinceFullWarning.isValid() || m_sinceFullWarning.hasExpired(60000)) {
                m_sinceFullWarning.start();
                qCWarning(lcServer) << "write pool:" << m_queue.size()
                                    << "requests already wait for a thread; answering 503";
            }
            return nullptr;
        }
        m_queue.push_back(job);
    }
    m_ready.wakeOne();
    auto deferred = std::make_shared<http::Deferred>();
    deferred->work = job->done.future();
    // Both run in the event-loop thread once the job is done.
    deferred->finish = [job] {
        // A job that never ran (it cannot: the pool drains before it stops) is a busy server.
        return job->response ? std::move(*job->response) : responseFor(protocol::Error::busy());
    };
    deferred->note = [job]() -> QByteArray { return "sql=" + QByteArray::number(job->roundTrips) + " pool"; };
    return deferred;
}

std::shared_ptr<WritePool::Job> WritePool::next()
{
    QMutexLocker lock(&m_mutex);
    while (m_queue.empty() && !m_stopping)
        m_ready.wait(&m_mutex);
    if (m_queue.empty())
        return nullptr;
    std::shared_ptr<Job> job = std::move(m_queue.front());
    m_queue.pop_front();
    return job;
}

} // namespace tickets::server
