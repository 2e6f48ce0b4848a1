#include "outbox/OutboxDelivery.h"

#include "outbox/Logging.h"
#include "redis/RedisClient.h"
#include "redis/ResponseCache.h"
#include "storage/Database.h"
#include "storage/OutboxRepository.h"

namespace tickets::server {

namespace {
constexpr int kBatch = 200;
} // namespace

OutboxDelivery::Pass OutboxDelivery::deliverPending()
{
    Pass pass;
    try {
        for (;;) {
            int fetched = 0;
            int sent = 0;
            m_db.transaction([&] {
                const QList<OutboxRepository::Entry> entries = m_outbox.lockPending(kBatch);
                fetched = static_cast<int>(entries.size());
                QList<qint64> delivered;
                for (const OutboxRepository::Entry &entry : entries) {
                    try {
                        RedisReply reply;
                        if (entry.destino == QLatin1String("cola"))
                            reply = m_redis.command({"RPUSH", entry.clave, entry.payload});
                        else if (entry.destino == QLatin1String("canal"))
                            reply = m_redis.command({"PUBLISH", entry.clave, entry.payload});
                        else
                            ResponseCache::invalidateNow(m_redis, entry.clave);
                        if (reply.isError()) // permanent (e.g. WRONGTYPE): logged, not retried forever
                            qCWarning(lcOutbox).noquote()
                                << "outbox" << entry.id << "refused by Redis:" << reply.string;
                    } catch (const RedisUnavailable &) {
                        break; // the rest waits, in order, for Redis to come back
                    }
                    delivered << entry.id;
                }
                m_outbox.markDelivered(delivered);
                sent = static_cast<int>(delivered.size());
            });
            pass.sent += sent;
            pass.stalled = sent < fetched;
            if (sent < fetched || fetched < kBatch)
                break;
        }
    } catch (const std::exception &error) {
        qCDebug(lcOutbox) << "outbox delivery will retry:" << error.what();
        pass.stalled = true;
    }
    if (pass.sent > 0)
        qCDebug(lcOutbox) << "outbox: delivered" << pass.sent;
    return pass;
}

} // namespace tickets::server
