#pragma once
// How many tickets there are per state and priority (GET /tickets/resumen), for the filter
// bar's buttons and the status bar. Kept current by itself: a live event that creates or
// changes a ticket asks again, debounced so a burst of changes costs one request.

#include "core/ApiClient.h"

#include <QTimer>

namespace tickets::client {

class LiveEvents;

class TicketSummary : public QObject
{
    Q_OBJECT
public:
    explicit TicketSummary(ApiClient &api, LiveEvents *live = nullptr, QObject *parent = nullptr);

    void reload();     // now
    void reloadSoon(); // after the debounce (a burst of calls asks once)
    void clear();      // no counts (the session ended); an answer on its way is dropped
    void setDebounce(int ms) { m_debounce.setInterval(ms); }
    const std::optional<TicketResumen> &resumen() const { return m_resumen; }
    void applyEvent(const events::Event &event); // what `live` delivers

Q_SIGNALS:
    void changed(const tickets::TicketResumen &resumen);

private:
    ApiClient &m_api;
    QTimer m_debounce;
    std::optional<TicketResumen> m_resumen;
    quint64 m_generation = 0;
};

} // namespace tickets::client
