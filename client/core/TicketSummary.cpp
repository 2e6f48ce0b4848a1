#include "core/TicketSummary.h"

#include "core/LiveEvents.h"

namespace tickets::client {

TicketSummary::TicketSummary(ApiClient &api, LiveEvents *live, QObject *parent)
    : QObject(parent), m_api(api), m_debounce(this)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(400);
    connect(&m_debounce, &QTimer::timeout, this, &TicketSummary::reload);
    if (live)
        connect(live, &LiveEvents::eventReceived, this, &TicketSummary::applyEvent);
}

void TicketSummary::reload()
{
    m_debounce.stop();
    m_api.resumen(this, [this, generation = m_generation](Result<TicketResumen> result) {
        if (!result.ok() || generation != m_generation)
            return; // the counts shown stay
        m_resumen = result.value;
        Q_EMIT changed(*m_resumen);
    });
}

void TicketSummary::reloadSoon()
{
    m_debounce.start();
}

void TicketSummary::clear()
{
    m_debounce.stop();
    ++m_generation;
    m_resumen.reset();
}

void TicketSummary::applyEvent(const events::Event &event)
{
    if (event.evento == events::evento::ticketCreado || event.evento == events::evento::ticketActualizado)
        reloadSoon();
}

} // namespace tickets::client
