#include "outbox/OutboxRelay.h"

#include "outbox/Logging.h"
#include "redis/RedisClient.h"
#include "redis/ResponseCache.h"
#include "storage/Database.h"
#include "storage/OutboxRepository.h"

#include <QSqlDriver>

namespace tickets::server {

namespace {
constexpr int kBatch = 200;
constexpr int kKeepHours = 24;
constexpr int kRetryMs = 500;
const QString kChannel = QStringLiteral("tickets_outbox");
} // namespace

// The timers are children so that moveToThread() takes them along.
OutboxRelay::OutboxRelay(const Config &config, QObject *parent)
    : QObject(parent), m_config(config), m_poll(this), m_purge(this), m_retry(this)
{}

OutboxRelay::~OutboxRelay() = default;

void OutboxRelay::start()
{
    m_db = std::make_unique<Database>(m_config.database, QStringLiteral("outbox-relay"));
    m_outbox = std::make_unique<OutboxRepository>(*m_db);
    m_redis = RedisClient::create(m_config.redis);
    connect(&m_poll, &QTimer::timeout, this, &OutboxRelay::deliver);
    connect(&m_purge, &QTimer::timeout, this, &OutboxRelay::purge);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &OutboxRelay::deliver);
    m_poll.start(m_config.outboxPollMs);
    m_purge.start(3600 * 1000);
    deliver();
}

void OutboxRelay::listen()
{
    if (!m_db->open() || m_listeningGeneration == m_db->generation())
        return;
    // A reopened connection has forgotten its LISTEN.
    QSqlDriver *driver = m_db->connection().driver();
    if (driver->subscribeToNotification(kChannel)) {
        connect(driver, &QSqlDriver::notification, this, &OutboxRelay::deliver, Qt::UniqueConnection);
        m_listeningGeneration = m_db->generation();
    }
}

void OutboxRelay::deliver()
{
    if (m_delivering)
        return;
    m_delivering = true;
    listen();
    bool stalled = false; // rows are waiting for Redis or PostgreSQL to come back
    try {
        for (;;) {
            int fetched = 0;
            int sent = 0;
            m_db->transaction([&] {
                const QList<OutboxRepository::Entry> entries = m_outbox->lockPending(kBatch);
                fetched = static_cast<int>(entries.size());
                QList<qint64> delivered;
                for (const OutboxRepository::Entry &entry : entries) {
                    try {
                        RedisReply reply;
                        if (entry.destino == QLatin1String("cola"))
                            reply = m_redis->command({"RPUSH", entry.clave, entry.payload});
                        else if (entry.destino == QLatin1String("canal"))
                            reply = m_redis->command({"PUBLISH", entry.clave, entry.payload});
                        else
                            ResponseCache::invalidateNow(*m_redis, entry.clave);
                        if (reply.isError()) // permanent (e.g. WRONGTYPE): logged, not retried forever
                            qCWarning(lcOutbox).noquote()
                                << "outbox" << entry.id << "refused by Redis:" << reply.string;
                    } catch (const RedisUnavailable &) {
                        break; // the rest waits, in order, for Redis to come back
                    }
                    delivered << entry.id;
                }
                m_outbox->markDelivered(delivered);
                sent = static_cast<int>(delivered.size());
            });
            if (sent > 0)
                qCDebug(lcOutbox) << "outbox: delivered" << sent;
            stalled = sent < fetched;
            if (sent < fetched || fetched < kBatch)
                break;
        }
    } catch (const std::exception &error) {
        qCDebug(lcOutbox) << "outbox relay will retry:" << error.what();
        stalled = true;
    }
    if (stalled)
        m_retry.start(kRetryMs);
    m_delivering = false;
    // Commits that happened while this pass ran: another pass, now.
    if (!stalled && m_db->takeNotifications())
        QMetaObject::invokeMethod(this, &OutboxRelay::deliver, Qt::QueuedConnection);
}

void OutboxRelay::purge()
{
    try {
        const int removed = m_outbox->purgeDelivered(kKeepHours);
        if (removed > 0)
            qCInfo(lcOutbox) << "outbox: removed" << removed << "rows delivered more than" << kKeepHours << "hours ago";
    } catch (const std::exception &error) {
        qCDebug(lcOutbox) << "outbox purge will retry:" << error.what();
    }
}

} // namespace tickets::server
