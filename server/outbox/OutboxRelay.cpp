#include "outbox/OutboxRelay.h"

#include "outbox/Logging.h"
#include "outbox/OutboxDelivery.h"
#include "redis/RedisClient.h"
#include "storage/Database.h"
#include "storage/OutboxRepository.h"
#include "storage/OutboxWakeup.h"
#include "storage/TicketRepository.h"

namespace tickets::server {

namespace {
constexpr int kKeepHours = 24;
constexpr int kRetryMs = 500;
constexpr int kFoldMs = 1000;
} // namespace

// The timers are children so that moveToThread() takes them along.
OutboxRelay::OutboxRelay(const Config &config, OutboxWakeup &wakeup, QObject *parent)
    : QObject(parent), m_config(config), m_wakeup(wakeup), m_poll(this), m_purge(this), m_fold(this), m_retry(this)
{}

OutboxRelay::~OutboxRelay() = default;

void OutboxRelay::start()
{
    m_db = std::make_unique<Database>(m_config.database, QStringLiteral("outbox-relay"));
    m_outbox = std::make_unique<OutboxRepository>(*m_db, nullptr);
    m_tickets = std::make_unique<TicketRepository>(*m_db, *m_outbox, m_config.sla);
    m_redis = RedisClient::create(m_config.redis);
    m_delivery = std::make_unique<OutboxDelivery>(*m_db, *m_outbox, *m_redis);
    // Queued: commits happen on the HTTP threads.
    connect(&m_wakeup, &OutboxWakeup::pending, this, &OutboxRelay::deliver, Qt::QueuedConnection);
    connect(&m_poll, &QTimer::timeout, this, &OutboxRelay::deliver);
    connect(&m_purge, &QTimer::timeout, this, &OutboxRelay::purge);
    connect(&m_fold, &QTimer::timeout, this, &OutboxRelay::foldCounts);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &OutboxRelay::deliver);
    m_poll.start(m_config.outboxPollMs);
    m_purge.start(3600 * 1000);
    m_fold.start(kFoldMs);
    deliver();
}

void OutboxRelay::deliver()
{
    if (m_delivering)
        return;
    m_delivering = true;
    OutboxDelivery::Pass pass;
    do {
        m_wakeup.takePending(); // commits from here on wake another pass
        pass = m_delivery->deliverPending();
    } while (!pass.stalled && m_wakeup.takePending());
    if (pass.stalled)
        m_retry.start(kRetryMs);
    m_delivering = false;
}

void OutboxRelay::foldCounts()
{
    try {
        m_tickets->foldCounts();
    } catch (const std::exception &error) {
        qCDebug(lcOutbox) << "ticket counts not folded now:" << error.what();
    }
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
