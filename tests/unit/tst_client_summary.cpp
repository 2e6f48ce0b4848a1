// TicketSummary in-process: the per-state counts the filter bar shows, asked again when the
// live feed says a ticket was created or changed, one request for a burst of events.

#include "ClientFixtures.h"
#include "core/TicketSummary.h"

#include <QSignalSpy>
#include <QTest>

using namespace tickets;
using namespace tickets::client;
using namespace tickets::test;

class TestClientSummary : public QObject
{
    Q_OBJECT
    std::unique_ptr<ClientRig> rig;

private Q_SLOTS:
    void init()
    {
        rig = std::make_unique<ClientRig>();
        rig->transport.on("GET", "/tickets/resumen", "resumen");
        rig->transport.on("GET", "/tickets/resumen", "resumen_despues");
    }

    void cleanup()
    {
        const QString unanswered = rig->unanswered();
        rig.reset();
        QVERIFY2(unanswered.isEmpty(), qPrintable(unanswered));
    }

    void theCountsPerState()
    {
        TicketSummary summary(rig->api, &rig->live);
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
        TicketSummary summary(rig->api, &rig->live);
        summary.setDebounce(30);
        QSignalSpy changed(&summary, &TicketSummary::changed);
        summary.reload();
        QTRY_COMPARE(changed.size(), 1);
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::ticketCreado(fx::ticket(6)), 80));
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::ticketActualizado(fx::ticket(5), "resuelto"), 81));
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::ticketActualizado(fx::ticket(4), "cerrado"), 82));
        QCOMPARE(rig->transport.requests().size(), 1); // not yet: debounced
        QTRY_COMPARE(changed.size(), 2);
        QCOMPARE(summary.resumen()->total, 6);
        QTest::qWait(60);
        QCOMPARE(rig->transport.requests().size(), 2);
    }

    void commentsAndUsersDoNotChangeTheCounts()
    {
        TicketSummary summary(rig->api, &rig->live);
        summary.setDebounce(0);
        Q_EMIT rig->live.eventReceived(
            fx::withSeq(events::Event::interaccionCreada(fx::ticket(5), 4, "comentario"), 80));
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::usuarioCreado(fx::pablo), 81));
        QTest::qWait(20);
        QCOMPARE(rig->transport.requests().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestClientSummary)
#include "tst_client_summary.moc"
