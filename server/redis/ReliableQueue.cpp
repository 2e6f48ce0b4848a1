#include "redis/ReliableQueue.h"

#include "domain/Timestamp.h"
#include "events/Events.h"
#include "redis/Logging.h"

#include <QCryptographicHash>
#include <QDateTime>

namespace tickets::server {

namespace {
// Both steps or neither: a task is never in two lists, nor in none.
const QByteArray kRequeue =
    QByteArrayLiteral("redis.call('LREM', KEYS[1], 1, ARGV[1]) redis.call('RPUSH', KEYS[2], ARGV[2]) return 1");

QByteArray attemptKey(const QByteArray &task)
{
    return QCryptographicHash::hash(task, QCryptographicHash::Sha1).toHex();
}

void check(const RedisReply &reply, const char *what)
{
    if (reply.isError())
        throw RedisUnavailable(QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromUtf8(reply.string)));
}
} // namespace

std::optional<QByteArray> ReliableQueue::take(int timeoutSeconds)
{
    const RedisReply reply = m_redis.command(
        {"BLMOVE", events::kQueue, processingList(), "LEFT", "RIGHT", QByteArray::number(timeoutSeconds)});
    check(reply, "BLMOVE");
    if (reply.type != RedisReply::Type::String)
        return std::nullopt;
    return reply.string;
}

void ReliableQueue::complete(const QByteArray &task)
{
    check(m_redis.command({"LREM", processingList(), "1", task}), "LREM");
    m_redis.command({"HDEL", kAttempts, attemptKey(task)});
}

int ReliableQueue::fail(const QByteArray &task, const QString &error, bool permanent)
{
    const RedisReply counted = m_redis.command({"HINCRBY", kAttempts, attemptKey(task), "1"});
    check(counted, "HINCRBY");
    const int attempts = static_cast<int>(counted.integer);
    if (!permanent && attempts < kMaxAttempts) {
        check(m_redis.command({"EVAL", kRequeue, "2", processingList(), events::kQueue, task, task}), "requeue");
        return attempts;
    }
    const QByteArray record = events::orderedJson({{QStringLiteral("tarea"), QString::fromUtf8(task)},
                                                   {QStringLiteral("error"), error},
                                                   {QStringLiteral("intentos"), attempts},
                                                   {QStringLiteral("timestamp"), currentTimestamp()}});
    check(m_redis.command({"EVAL", kRequeue, "2", processingList(), events::kFailedQueue, task, record}), "fail");
    m_redis.command({"HDEL", kAttempts, attemptKey(task)});
    return attempts;
}

void ReliableQueue::heartbeat()
{
    m_redis.command({"HSET", kWorkers, m_workerId, QByteArray::number(QDateTime::currentSecsSinceEpoch())});
}

void ReliableQueue::setWaiting(const QByteArray &dependency)
{
    m_redis.command({"HSET", kWaiting, m_workerId, dependency});
}

void ReliableQueue::clearWaiting()
{
    m_redis.command({"HDEL", kWaiting, m_workerId});
}

void ReliableQueue::leave()
{
    // Anything still here (a stop between take and complete) goes back first.
    while (m_redis.command({"LMOVE", processingList(), events::kQueue, "RIGHT", "LEFT"}).type ==
           RedisReply::Type::String) {
    }
    m_redis.command({"HDEL", kWorkers, m_workerId});
    m_redis.command({"HDEL", kWaiting, m_workerId});
}

int ReliableQueue::reclaimOrphans(int staleSeconds)
{
    const RedisReply workers = m_redis.command({"HGETALL", kWorkers});
    check(workers, "HGETALL");
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    int reclaimed = 0;
    for (qsizetype i = 0; i + 1 < workers.elements.size(); i += 2) {
        const QByteArray id = workers.elements[i].string;
        const qint64 beat = workers.elements[i + 1].string.toLongLong();
        if (id == m_workerId || now - beat < staleSeconds)
            continue;
        // Oldest first, to the front of the queue: they were taken before anything still waiting.
        while (m_redis.command({"LMOVE", kProcessingPrefix + id, events::kQueue, "RIGHT", "LEFT"}).type ==
               RedisReply::Type::String)
            ++reclaimed;
        m_redis.command({"HDEL", kWorkers, id});
        m_redis.command({"HDEL", kWaiting, id});
        qCWarning(lcRedis).noquote() << "worker" << id << "stopped beating; its tasks were taken back";
    }
    return reclaimed;
}

ReliableQueue::Stats ReliableQueue::stats(RedisClient &redis, int staleSeconds)
{
    Stats stats;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const RedisReply workers = redis.command({"HGETALL", kWorkers});
    const RedisReply waiting = redis.command({"HGETALL", kWaiting});
    QHash<QByteArray, QByteArray> waitingFor;
    for (qsizetype i = 0; i + 1 < waiting.elements.size(); i += 2)
        waitingFor.insert(waiting.elements[i].string, waiting.elements[i + 1].string);
    for (qsizetype i = 0; i + 1 < workers.elements.size(); i += 2) {
        const qint64 beat = workers.elements[i + 1].string.toLongLong();
        stats.lastBeat = qMax(stats.lastBeat, beat);
        const bool alive = now - beat < staleSeconds;
        stats.aliveWorkers += alive ? 1 : 0;
        if (alive && waitingFor.contains(workers.elements[i].string))
            stats.waitingFor << QString::fromUtf8(waitingFor.value(workers.elements[i].string));
        stats.inProgress += redis.command({"LLEN", kProcessingPrefix + workers.elements[i].string}).integer;
    }
    stats.pending = redis.command({"LLEN", events::kQueue}).integer;
    stats.failed = redis.command({"LLEN", events::kFailedQueue}).integer;
    return stats;
}

} // namespace tickets::server
