// TicketSummary in-process: the per-state counts the filter bar shows, asked again when the
// live feed says a ticket was created or changed, one request for a burst of events.

#include "ClientFixtures.h"
#include "FakeLiveChannel.h"

#include "core/LiveEvents.h"
#include "core/TicketSummary.h"

#include <QSignalSpy>
#include <QTest>

using namespace tickets;
using namespace tickets::client;
using namespace tickets::test;

class TestClientSummary : public QObject
{
    Q_OBJECT
    std::unique_ptr<FixtureTransport> transport;
    std::unique_ptr<ApiClient> api;
    std::unique_ptr<FakeLiveChannel> channel;
    std::unique_ptr<LiveEvents> live;

private Q_SLOTS:
    void init()
    {
        transport = std::make_unique<FixtureTransport>();
        api = std::make_unique<ApiClient>(*transport);
        api->setBaseUrl(fx::server);
        channel = std::make_unique<FakeLiveChannel>();
        live = std::make_unique<LiveEvents>(*api, *channel);
        transport->on("GET", "/tickets/resumen", "resumen");
        transport->on("GET", "/tickets/resumen", "resumen_despues");
    }

    void cleanup()
    {
        const QStringList unmatched = transport->unmatched();
        live.reset();
        channel.reset();
        api.reset();
        transport.reset();
        QVERIFY2(unmatched.isEmpty(), qPrintable(unmatched.join(", ")));
    }

    void theCountsPerState()
    {
        TicketSummary summary(*api, live.get());
        QSignalSpy changed(&summary, &TicketSummary::changed);
        summary.reload();
        QTRY_COMPARE(changed.size(), 1);
        const auto resumen = changed.at(0).at(0).value<TicketResumen>();
        QCOMPARE(resumen.total, 5);
        QCOMPARE(resumen.porEstado.value(Estado::Abierto), 3);
        QCOMPARE(summary.resumen()->porEstado.value(Estado::Cerrado), 1);
    }

    void aBurstOfTicketEventsAsksOnce()
    {
        TicketSummary summary(*api, live.get());
        summary.setDebounce(30);
        QSignalSpy changed(&summary, &TicketSummary::changed);
        summary.reload();
        QTRY_COMPARE(changed.size(), 1);
        Q_EMIT live->eventReceived(fx::withSeq(events::Event::ticketCreado(fx::ticket(6)), 80));
        Q_EMIT live->eventReceived(fx::withSeq(events::Event::ticketActualizado(fx::ticket(5), "resuelto"), 81));
        Q_EMIT live->eventReceived(fx::withSeq(events::Event::ticketActualizado(fx::ticket(4), "cerrado"), 82));
        QCOMPARE(transport->requests().size(), 1); // not yet: debounced
        QTRY_COMPARE(changed.size(), 2);
        QCOMPARE(summary.resumen()->total, 6);
        QTest::qWait(60);
        QCOMPARE(transport->requests().size(), 2);
    }

    void commentsAndUsersDoNotChangeTheCounts()
    {
        TicketSummary summary(*api, live.get());
        summary.setDebounce(0);
        Q_EMIT live->eventReceived(fx::withSeq(events::Event::interaccionCreada(fx::ticket(5), 4, "comentario"), 80));
        Q_EMIT live->eventReceived(fx::withSeq(events::Event::usuarioCreado(fx::pablo), 81));
        QTest::qWait(20);
        QCOMPARE(transport->requests().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestClientSummary)
#include "tst_client_summary.moc"
