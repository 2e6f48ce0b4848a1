// LiveEvents in-process, fed through a FakeLiveChannel instead of a socket: it waits for the
// server's "conectado", reloads the views after a first connection, catches up with
// GET /eventos?since= after a reconnect, delivers every event once and in order (holding back
// what arrives meanwhile), and asks for a reload when it was away too long.

#include "ClientFixtures.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace tickets;
using namespace tickets::client;
using namespace tickets::test;

namespace {
QJsonObject message(const events::Event &event, qint64 seq)
{
    return QJsonDocument::fromJson(fx::withSeq(event, seq).toJson()).object();
}

QJsonObject conectado()
{
    return message(events::Event::conectado(), 0);
}

QJsonObject creado(int ticket, qint64 seq)
{
    return message(events::Event::ticketCreado(fx::ticket(ticket)), seq);
}
} // namespace

class TestClientLive : public QObject
{
    Q_OBJECT
    std::unique_ptr<ClientRig> rig;
    QList<qint64> received; // the seq of each event delivered, in order

    // Connected and live after a first connection, having delivered seq `upTo`.
    void liveUpTo(qint64 upTo)
    {
        rig->live.start();
        rig->channel.accept();
        rig->channel.deliver(conectado());
        rig->channel.deliver(creado(6, upTo));
        QCOMPARE(rig->live.state(), LiveEvents::State::Live);
        QCOMPARE(rig->live.lastSeq(), upTo);
        received.clear();
    }

    void reconnect()
    {
        rig->channel.drop();
        QCOMPARE(rig->live.state(), LiveEvents::State::Disconnected);
        rig->live.start(); // what the retry timer does after its back-off
        rig->channel.accept();
    }

private Q_SLOTS:
    void init()
    {
        rig = std::make_unique<ClientRig>();
        rig->api.setToken("tok-ana-0123456789");
        received.clear();
        connect(&rig->live, &LiveEvents::eventReceived, this,
                [this](const events::Event &event) { received << event.seq; });
    }

    void cleanup()
    {
        const QString unanswered = rig->unanswered();
        rig.reset();
        QVERIFY2(unanswered.isEmpty(), qPrintable(unanswered));
    }

    void itConnectsWithTheToken()
    {
        QSignalSpy states(&rig->live, &LiveEvents::stateChanged);
        rig->live.start();
        // The token as a header, never in the URL.
        QCOMPARE(rig->channel.url(), QUrl(QStringLiteral("ws://soporte.test/ws/eventos")));
        QCOMPARE(rig->channel.authorization(), QByteArray("Bearer tok-ana-0123456789"));
        QCOMPARE(rig->live.state(), LiveEvents::State::Connecting);
        rig->channel.accept();
        QCOMPARE(rig->live.state(), LiveEvents::State::Connecting); // open, but not yet delivering
        rig->channel.deliver(conectado());
        QCOMPARE(rig->live.state(), LiveEvents::State::Live);
        QCOMPARE(states.size(), 2);
    }

    void aFirstConnectionReloadsTheViewsThenDeliversWhatWaited()
    {
        QSignalSpy resync(&rig->live, &LiveEvents::resyncNeeded);
        rig->live.start();
        rig->channel.accept();
        rig->channel.deliver(creado(6, 12)); // before the greeting: held back
        QVERIFY(received.isEmpty());
        QList<QString> order;
        connect(&rig->live, &LiveEvents::resyncNeeded, this, [&order] { order << QStringLiteral("resync"); });
        connect(&rig->live, &LiveEvents::eventReceived, this,
                [&order](const events::Event &) { order << QStringLiteral("event"); });
        rig->channel.deliver(conectado());
        QCOMPARE(resync.size(), 1);
        QCOMPARE(received, QList<qint64>{12});
        QCOMPARE(order, (QList<QString>{"resync", "event"}));
        QCOMPARE(rig->transport.requests().size(), 0); // nothing to catch up on a first connection
    }

    void eachEventOnceAndInOrder()
    {
        liveUpTo(10);
        rig->channel.deliver(creado(6, 11));
        rig->channel.deliver(creado(6, 11)); // the same again
        rig->channel.deliver(creado(6, 9));  // older than what was delivered
        rig->channel.deliver(message(events::Event::ticketActualizado(fx::ticket(5), "resuelto"), 13));
        QCOMPARE(received, (QList<qint64>{11, 13}));
        QCOMPARE(rig->live.lastSeq(), 13);
    }

    void whatIsNotAnEventIsIgnored()
    {
        liveUpTo(10);
        rig->channel.deliverText(QStringLiteral("no es JSON"));
        rig->channel.deliver(QJsonObject{{"foo", 1}});
        rig->channel.deliver(QJsonObject{{"evento", 7}});
        QVERIFY(received.isEmpty());
        QCOMPARE(rig->live.state(), LiveEvents::State::Live);
    }

    void anEventCarriesItsFields()
    {
        liveUpTo(10);
        events::Event got;
        connect(&rig->live, &LiveEvents::eventReceived, this, [&got](const events::Event &event) { got = event; });
        rig->channel.deliver(message(events::Event::interaccionCreada(fx::ticket(5), 4, "nota_interna"), 11));
        QCOMPARE(got.evento, events::evento::interaccionCreada);
        QCOMPARE(QUuid::fromString(got.field("ticket_id").toString()), fx::ticket(5));
        QCOMPARE(got.field("interaccion_id").toInteger(), 4);
        QCOMPARE(got.field("tipo").toString(), QStringLiteral("nota_interna"));
    }

    void aReconnectCatchesUpWhatWasMissed()
    {
        rig->transport.on("GET", "/eventos?since=40&limit=1000", "eventos_since_40");
        liveUpTo(40);
        QSignalSpy resync(&rig->live, &LiveEvents::resyncNeeded);
        reconnect();
        rig->channel.deliver(creado(6, 45)); // live, before the greeting
        rig->transport.hold(true);
        rig->channel.deliver(conectado()); // now the catch-up is asked...
        QCOMPARE(rig->transport.last().pathAndQuery, QStringLiteral("/eventos?since=40&limit=1000"));
        rig->channel.deliver(creado(6, 46)); // ...and what arrives meanwhile waits for it
        QVERIFY(received.isEmpty());
        rig->transport.releaseAll();
        QCOMPARE(received, (QList<qint64>{41, 43, 45, 46}));
        QCOMPARE(rig->live.lastSeq(), 46);
        QCOMPARE(resync.size(), 0);
    }

    void theServersScanPointIsKeptEvenWhenItShowsNothing()
    {
        rig->transport.on("GET", "/eventos?since=40&limit=1000", "eventos_since_40"); // X-Last-Seq: 44
        liveUpTo(40);
        reconnect();
        rig->channel.deliver(conectado());
        QTRY_COMPARE(rig->live.lastSeq(), 44); // 44 was not ours to see; the next catch-up starts there
        rig->transport.on("GET", "/eventos?since=44&limit=1000", "eventos_empty");
        reconnect();
        rig->channel.deliver(conectado());
        QTRY_COMPARE(rig->transport.requests().size(), 2);
        QCOMPARE(rig->transport.last().pathAndQuery, QStringLiteral("/eventos?since=44&limit=1000"));
    }

    void tooFarBehindReloadsInstead()
    {
        rig->transport.on("GET", "/eventos?since=40&limit=3", "eventos_too_many");
        rig->live.setCatchUpLimit(3);
        liveUpTo(40);
        QSignalSpy resync(&rig->live, &LiveEvents::resyncNeeded);
        reconnect();
        rig->channel.deliver(creado(6, 50)); // held, then dropped with the rest: the reload covers it
        rig->channel.deliver(conectado());
        QTRY_COMPARE(resync.size(), 1);
        QVERIFY(received.isEmpty());
        QCOMPARE(rig->live.lastSeq(), 43);
        rig->channel.deliver(creado(6, 51)); // and from then on, live again
        QCOMPARE(received, QList<qint64>{51});
    }

    void aFailedCatchUpReloadsInstead()
    {
        rig->transport.on("GET", "/eventos", "database_unavailable");
        liveUpTo(40);
        QSignalSpy resync(&rig->live, &LiveEvents::resyncNeeded);
        reconnect();
        rig->channel.deliver(conectado());
        QTRY_COMPARE(resync.size(), 1);
        QCOMPARE(rig->live.lastSeq(), 40);
    }

    void aLostOrRefusedConnectionIsSaid()
    {
        QSignalSpy states(&rig->live, &LiveEvents::stateChanged);
        rig->live.start();
        rig->channel.refuse();
        QCOMPARE(rig->live.state(), LiveEvents::State::Disconnected);
        rig->live.start();
        rig->channel.accept();
        rig->channel.deliver(conectado());
        rig->channel.drop();
        QCOMPARE(rig->live.state(), LiveEvents::State::Disconnected);
        QCOMPARE(states.size(), 5); // connecting, disconnected, connecting, live, disconnected
    }

    void stoppingIsNotALoss()
    {
        liveUpTo(10);
        rig->live.stop();
        QCOMPARE(rig->live.state(), LiveEvents::State::Stopped);
        QVERIFY(!rig->channel.isOpen());
        const int opens = rig->channel.opens();
        QTest::qWait(30);
        QCOMPARE(rig->channel.opens(), opens); // no reconnect after a stop
        QCOMPARE(rig->live.state(), LiveEvents::State::Stopped);
    }
};

QTEST_GUILESS_MAIN(TestClientLive)
#include "tst_client_live.moc"
