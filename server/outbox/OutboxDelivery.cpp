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
                // One pipeline for the batch: a round trip to Redis per batch, not per row, so the
                // relay keeps up with every writer of the instance.
                QList<QList<QByteArray>> commands;
                for (const OutboxRepository::Entry &entry : entries) {
                    if (entry.destino == QLatin1String("cola"))
                        commands.append({QByteArrayLiteral("RPUSH"), entry.clave, entry.payload});
                    else if (entry.destino == QLatin1String("canal"))
                        commands.append({QByteArrayLiteral("PUBLISH"), entry.clave, entry.payload});
                    else
                        commands.append(ResponseCache::invalidateCommand(entry.clave));
                }
                QList<RedisReply> replies;
                try {
                    if (!commands.isEmpty())
                        replies = m_redis.pipeline(commands);
                } catch (const RedisUnavailable &) {
                    // Nothing was sent: every row waits, in order, for Redis to come back.
                }
                // Rows without a reply (Redis went away meanwhile) stay pending and go again.
                QList<qint64> delivered;
                for (qsizetype i = 0; i < replies.size(); ++i) {
                    if (replies[i].isError()) // permanent (e.g. WRONGTYPE): logged, not retried forever
                        qCWarning(lcOutbox).noquote()
                            << "outbox" << entries[i].id << "refused by Redis:" << replies[i].string;
                    delivered << entries[i].id;
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
