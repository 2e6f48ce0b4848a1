#pragma once
// The people and tickets of tests/fixtures/json by name, a client wired to a FixtureTransport,
// and live events as the server sends them, for the desktop client's in-process suites.

#include "FakeLiveChannel.h"
#include "FixtureTransport.h"
#include "core/ApiClient.h"
#include "core/LiveEvents.h"
#include "events/Events.h"

#include <QUuid>

namespace tickets::test::fx {

inline QUuid id(const char *text)
{
    return QUuid::fromString(QLatin1String(text));
}

inline const QUuid ana = id("a0000000-0000-4000-8000-000000000001");   // Ana García, soporte
inline const QUuid marta = id("a0000000-0000-4000-8000-000000000002"); // Marta Ruiz, usuario
inline const QUuid admin = id("a0000000-0000-4000-8000-000000000003"); // Administración, admin
inline const QUuid luis = id("a0000000-0000-4000-8000-000000000004");  // Luis Pérez, usuario, inactive
inline const QUuid pablo = id("a0000000-0000-4000-8000-000000000005"); // Pablo Sanz, soporte, new

// Tickets 1 (oldest) to 5 (newest) of tickets_page_1/2; 6 is ticket_nuevo.
inline QUuid ticket(int n)
{
    return QUuid::fromString(QStringLiteral("b0000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0')));
}

inline QString text(const QUuid &uuid)
{
    return uuid.toString(QUuid::WithoutBraces);
}

// An event as it arrives: with its sequence number.
inline events::Event withSeq(events::Event event, qint64 seq)
{
    event.seq = seq;
    return event;
}

inline const QUrl server{QStringLiteral("http://soporte.test")};

} // namespace tickets::test::fx

namespace tickets::test {

// What every suite starts from: an ApiClient on fx::server over a FixtureTransport, and
// LiveEvents over a FakeLiveChannel. Members go in reverse order, each after what uses it;
// whatever a test builds on them must go first.
struct ClientRig
{
    FixtureTransport transport;
    client::ApiClient api{transport};
    FakeLiveChannel channel;
    client::LiveEvents live{api, channel};

    ClientRig() { api.setBaseUrl(fx::server); }
    // Requests no fixture answered, for the suite's cleanup() to check.
    QString unanswered() const { return transport.unmatched().join(QStringLiteral(", ")); }
};

} // namespace tickets::test
