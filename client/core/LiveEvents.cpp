#include "core/LiveEvents.h"

#include "core/ApiClient.h"
#include "core/LiveChannel.h"

namespace tickets::client {

namespace {
constexpr int kFirstDelayMs = 1000;
constexpr int kMaxDelayMs = 30000;
} // namespace

LiveEvents::LiveEvents(ApiClient &api, QObject *parent) : LiveEvents(api, *new WebSocketChannel, parent)
{
    m_channel.setParent(this);
}

LiveEvents::LiveEvents(ApiClient &api, LiveChannel &channel, QObject *parent)
    : QObject(parent), m_api(api), m_channel(channel), m_retry(this), m_greeting(this)
{
    m_retry.setSingleShot(true);
    m_greeting.setSingleShot(true);
    m_greeting.setInterval(3000);
    connect(&m_greeting, &QTimer::timeout, this, &LiveEvents::onDelivering);
    connect(&m_retry, &QTimer::timeout, this, &LiveEvents::start);
    connect(&m_channel, &LiveChannel::opened, this, &LiveEvents::onConnected);
    connect(&m_channel, &LiveChannel::closed, this, &LiveEvents::onDisconnected);
    connect(&m_channel, &LiveChannel::messageReceived, this, &LiveEvents::onMessage);
}

LiveEvents::~LiveEvents()
{
    m_channel.disconnect(this);
    m_channel.abort();
}

void LiveEvents::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void LiveEvents::start()
{
    m_retry.stop();
    m_channel.abort();
    setState(State::Connecting);
    m_channel.open(m_api.liveRequest());
}

void LiveEvents::stop()
{
    m_retry.stop();
    m_greeting.stop();
    setState(State::Stopped);
    m_channel.abort();
}

void LiveEvents::onConnected()
{
    m_delayMs = kFirstDelayMs;
    m_greeting.start();
}

void LiveEvents::onDelivering()
{
    if (m_state == State::Live || !m_channel.isOpen())
        return;
    m_greeting.stop();
    setState(State::Live);
    if (m_lastSeq == 0) {
        // First connection: what the views loaded may be older than the feed; reload once.
        Q_EMIT resyncNeeded();
        const QList<events::Event> held = std::exchange(m_heldBack, {});
        for (const events::Event &event : held)
            deliver(event);
        return;
    }
    catchUp();
}

void LiveEvents::onDisconnected()
{
    m_greeting.stop();
    if (m_state == State::Stopped)
        return;
    setState(State::Disconnected);
    m_retry.start(m_delayMs);
    m_delayMs = qMin(m_delayMs * 2, kMaxDelayMs);
}

void LiveEvents::catchUp()
{
    m_catchingUp = true;
    m_api.eventsSince(m_lastSeq, m_catchUpLimit, this, [this](Result<EventBatch> result) {
        m_catchingUp = false;
        if (!result.ok() || result.value->events.size() >= m_catchUpLimit) {
            // Too far behind (or the catch-up failed): reload what is shown.
            m_lastSeq = result.ok() ? result.value->lastSeq : m_lastSeq;
            m_heldBack.clear();
            Q_EMIT resyncNeeded();
            return;
        }
        for (const events::Event &event : std::as_const(result.value->events))
            deliver(event);
        m_lastSeq = qMax(m_lastSeq, result.value->lastSeq);
        const QList<events::Event> held = std::exchange(m_heldBack, {});
        for (const events::Event &event : held)
            deliver(event);
    });
}

void LiveEvents::onMessage(const QString &message)
{
    const auto event = events::Event::fromJson(message.toUtf8());
    if (!event)
        return;
    if (event->evento == events::evento::conectado) {
        onDelivering();
        return;
    }
    if (m_state != State::Live || m_catchingUp) {
        m_heldBack.append(*event);
        return;
    }
    deliver(*event);
}

void LiveEvents::deliver(const events::Event &event)
{
    // Each event once: the catch-up and the socket may both bring it.
    if (event.seq > 0 && event.seq <= m_lastSeq)
        return;
    m_lastSeq = qMax(m_lastSeq, event.seq);
    Q_EMIT eventReceived(event);
}

} // namespace tickets::client
