// LiveEvents in-process, fed through a FakeLiveChannel instead of a socket: it waits for the
// server's "conectado", reloads the views after a first connection, catches up with
// GET /eventos?since= after a reconnect, delivers every event once and in order (holding back
// what arrives meanwhile), and asks for a reload when it was away too long.

#include "ClientFixtures.h"
#include "FakeLiveChannel.h"

#include "core/LiveEvents.h"

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
    std::unique_ptr<FixtureTransport> transport;
    std::unique_ptr<ApiClient> api;
    std::unique_ptr<FakeLiveChannel> channel;
    std::unique_ptr<LiveEvents> live;
    QList<qint64> received; // the seq of each event delivered, in order

    // Connected and live after a first connection, having delivered seq `upTo`.
    void liveUpTo(qint64 upTo)
    {
        live->start();
        channel->accept();
        channel->deliver(conectado());
        channel->deliver(creado(6, upTo));
        QCOMPARE(live->state(), LiveEvents::State::Live);
        QCOMPARE(live->lastSeq(), upTo);
        received.clear();
    }

    void reconnect()
    {
        channel->drop();
        QCOMPARE(live->state(), LiveEvents::State::Disconnected);
        live->start(); // what the retry timer does after its back-off
        channel->accept();
    }

private Q_SLOTS:
    void init()
    {
        transport = std::make_unique<FixtureTransport>();
        api = std::make_unique<ApiClient>(*transport);
        api->setBaseUrl(fx::server);
        api->setToken("tok-ana-0123456789");
        channel = std::make_unique<FakeLiveChannel>();
        live = std::make_unique<LiveEvents>(*api, *channel);
        received.clear();
        connect(live.get(), &LiveEvents::eventReceived, this, [this](const events::Event &event) { received << event.seq; });
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

    void itConnectsWithTheToken()
    {
        QSignalSpy states(live.get(), &LiveEvents::stateChanged);
        live->start();
        QCOMPARE(channel->url(), QUrl(QStringLiteral("ws://soporte.test/ws/eventos?access_token=tok-ana-0123456789")));
        QCOMPARE(live->state(), LiveEvents::State::Connecting);
        channel->accept();
        QCOMPARE(live->state(), LiveEvents::State::Connecting); // open, but not yet delivering
        channel->deliver(conectado());
        QCOMPARE(live->state(), LiveEvents::State::Live);
        QCOMPARE(states.size(), 2);
    }

    void aFirstConnectionReloadsTheViewsThenDeliversWhatWaited()
    {
        QSignalSpy resync(live.get(), &LiveEvents::resyncNeeded);
        live->start();
        channel->accept();
        channel->deliver(creado(6, 12)); // before the greeting: held back
        QVERIFY(received.isEmpty());
        QList<QString> order;
        connect(live.get(), &LiveEvents::resyncNeeded, this, [&order] { order << QStringLiteral("resync"); });
        connect(live.get(), &LiveEvents::eventReceived, this, [&order](const events::Event &) { order << QStringLiteral("event"); });
        channel->deliver(conectado());
        QCOMPARE(resync.size(), 1);
        QCOMPARE(received, QList<qint64>{12});
        QCOMPARE(order, (QList<QString>{"resync", "event"}));
        QCOMPARE(transport->requests().size(), 0); // nothing to catch up on a first connection
    }

    void eachEventOnceAndInOrder()
    {
        liveUpTo(10);
        channel->deliver(creado(6, 11));
        channel->deliver(creado(6, 11)); // the same again
        channel->deliver(creado(6, 9));  // older than what was delivered
        channel->deliver(message(events::Event::ticketActualizado(fx::ticket(5), "resuelto"), 13));
        QCOMPARE(received, (QList<qint64>{11, 13}));
        QCOMPARE(live->lastSeq(), 13);
    }

    void whatIsNotAnEventIsIgnored()
    {
        liveUpTo(10);
        channel->deliverText(QStringLiteral("no es JSON"));
        channel->deliver(QJsonObject{{"foo", 1}});
        channel->deliver(QJsonObject{{"evento", 7}});
        QVERIFY(received.isEmpty());
        QCOMPARE(live->state(), LiveEvents::State::Live);
    }

    void anEventCarriesItsFields()
    {
        liveUpTo(10);
        events::Event got;
        connect(live.get(), &LiveEvents::eventReceived, this, [&got](const events::Event &event) { got = event; });
        channel->deliver(message(events::Event::interaccionCreada(fx::ticket(5), 4, "nota_interna"), 11));
        QCOMPARE(got.evento, events::evento::interaccionCreada);
        QCOMPARE(QUuid::fromString(got.field("ticket_id").toString()), fx::ticket(5));
        QCOMPARE(got.field("interaccion_id").toInteger(), 4);
        QCOMPARE(got.field("tipo").toString(), QStringLiteral("nota_interna"));
    }

    void aReconnectCatchesUpWhatWasMissed()
    {
        transport->on("GET", "/eventos?since=40&limit=1000", "eventos_since_40");
        liveUpTo(40);
        QSignalSpy resync(live.get(), &LiveEvents::resyncNeeded);
        reconnect();
        channel->deliver(creado(6, 45)); // live, before the greeting
        transport->hold(true);
        channel->deliver(conectado()); // now the catch-up is asked...
        QCOMPARE(transport->last().pathAndQuery, QStringLiteral("/eventos?since=40&limit=1000"));
        channel->deliver(creado(6, 46)); // ...and what arrives meanwhile waits for it
        QVERIFY(received.isEmpty());
        transport->releaseAll();
        QCOMPARE(received, (QList<qint64>{41, 43, 45, 46}));
        QCOMPARE(live->lastSeq(), 46);
        QCOMPARE(resync.size(), 0);
    }

    void theServersScanPointIsKeptEvenWhenItShowsNothing()
    {
        transport->on("GET", "/eventos?since=40&limit=1000", "eventos_since_40"); // X-Last-Seq: 44
        liveUpTo(40);
        reconnect();
        channel->deliver(conectado());
        QTRY_COMPARE(live->lastSeq(), 44); // 44 was not ours to see; the next catch-up starts there
        transport->on("GET", "/eventos?since=44&limit=1000", "eventos_empty");
        reconnect();
        channel->deliver(conectado());
        QTRY_COMPARE(transport->requests().size(), 2);
        QCOMPARE(transport->last().pathAndQuery, QStringLiteral("/eventos?since=44&limit=1000"));
    }

    void tooFarBehindReloadsInstead()
    {
        transport->on("GET", "/eventos?since=40&limit=3", "eventos_too_many");
        live->setCatchUpLimit(3);
        liveUpTo(40);
        QSignalSpy resync(live.get(), &LiveEvents::resyncNeeded);
        reconnect();
        channel->deliver(creado(6, 50)); // held, then dropped with the rest: the reload covers it
        channel->deliver(conectado());
        QTRY_COMPARE(resync.size(), 1);
        QVERIFY(received.isEmpty());
        QCOMPARE(live->lastSeq(), 43);
        channel->deliver(creado(6, 51)); // and from then on, live again
        QCOMPARE(received, QList<qint64>{51});
    }

    void aFailedCatchUpReloadsInstead()
    {
        transport->on("GET", "/eventos", "database_unavailable");
        liveUpTo(40);
        QSignalSpy resync(live.get(), &LiveEvents::resyncNeeded);
        reconnect();
        channel->deliver(conectado());
        QTRY_COMPARE(resync.size(), 1);
        QCOMPARE(live->lastSeq(), 40);
    }

    void aLostOrRefusedConnectionIsSaid()
    {
        QSignalSpy states(live.get(), &LiveEvents::stateChanged);
        live->start();
        channel->refuse();
        QCOMPARE(live->state(), LiveEvents::State::Disconnected);
        live->start();
        channel->accept();
        channel->deliver(conectado());
        channel->drop();
        QCOMPARE(live->state(), LiveEvents::State::Disconnected);
        QCOMPARE(states.size(), 5); // connecting, disconnected, connecting, live, disconnected
    }

    void stoppingIsNotALoss()
    {
        liveUpTo(10);
        live->stop();
        QCOMPARE(live->state(), LiveEvents::State::Stopped);
        QVERIFY(!channel->isOpen());
        const int opens = channel->opens();
        QTest::qWait(30);
        QCOMPARE(channel->opens(), opens); // no reconnect after a stop
        QCOMPARE(live->state(), LiveEvents::State::Stopped);
    }
};

QTEST_GUILESS_MAIN(TestClientLive)
#include "tst_client_live.moc"
