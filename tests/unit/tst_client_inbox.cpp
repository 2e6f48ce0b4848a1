// NotificationInbox in-process: the unread count at login, a new notice for me raising it and
// announcing its text, notices for others asking nothing, and a logout clearing it.

#include "ClientFixtures.h"
#include "FakeLiveChannel.h"

#include "core/LiveEvents.h"
#include "core/NotificationInbox.h"

#include <QSignalSpy>
#include <QTest>

using namespace tickets;
using namespace tickets::client;
using namespace tickets::test;

class TestClientInbox : public QObject
{
    Q_OBJECT
    std::unique_ptr<FixtureTransport> transport;
    std::unique_ptr<ApiClient> api;
    std::unique_ptr<FakeLiveChannel> channel;
    std::unique_ptr<LiveEvents> live;
    std::unique_ptr<NotificationInbox> inbox;
    const QString unreadOfAna = QStringLiteral("/notificaciones?usuario_id=") + fx::text(fx::ana) +
                                QStringLiteral("&solo_no_leidas=true");

private Q_SLOTS:
    void init()
    {
        transport = std::make_unique<FixtureTransport>();
        api = std::make_unique<ApiClient>(*transport);
        api->setBaseUrl(fx::server);
        channel = std::make_unique<FakeLiveChannel>();
        live = std::make_unique<LiveEvents>(*api, *channel);
        inbox = std::make_unique<NotificationInbox>(*api, live.get());
    }

    void cleanup()
    {
        const QStringList unmatched = transport->unmatched();
        inbox.reset();
        live.reset();
        channel.reset();
        api.reset();
        transport.reset();
        QVERIFY2(unmatched.isEmpty(), qPrintable(unmatched.join(", ")));
    }

    void theUnreadCountArrivesAtLogin()
    {
        transport->on("GET", unreadOfAna, "notificaciones_2");
        QSignalSpy unread(inbox.get(), &NotificationInbox::unreadChanged);
        QSignalSpy arrived(inbox.get(), &NotificationInbox::arrived);
        inbox->setUsuario(fx::ana);
        QTRY_COMPARE(inbox->unread(), 2);
        QCOMPARE(unread.last().at(0).toInt(), 2);
        QCOMPARE(arrived.size(), 0); // old notices are counted, not announced
    }

    void aNoticeForMeRaisesTheCountAndSaysWhat()
    {
        transport->on("GET", unreadOfAna, "notificaciones_2");
        transport->on("GET", unreadOfAna, "notificaciones_3");
        inbox->setUsuario(fx::ana);
        QTRY_COMPARE(inbox->unread(), 2);
        QSignalSpy arrived(inbox.get(), &NotificationInbox::arrived);
        Q_EMIT live->eventReceived(fx::withSeq(events::Event::notificacionCreada(9, fx::ana, fx::ticket(6)), 70));
        QTRY_COMPARE(inbox->unread(), 3);
        QCOMPARE(arrived.size(), 1);
        QCOMPARE(arrived.at(0).at(0).value<Notificacion>().mensaje, QStringLiteral("Nuevo ticket: Pantalla parpadea"));
    }

    void noticesForOthersAndOtherEventsAskNothing()
    {
        transport->on("GET", unreadOfAna, "notificaciones_2");
        inbox->setUsuario(fx::ana);
        QTRY_COMPARE(inbox->unread(), 2);
        Q_EMIT live->eventReceived(fx::withSeq(events::Event::notificacionCreada(10, fx::admin, fx::ticket(6)), 71));
        Q_EMIT live->eventReceived(fx::withSeq(events::Event::ticketCreado(fx::ticket(6)), 72));
        QTest::qWait(10);
        QCOMPARE(transport->requests().size(), 1);
        QCOMPARE(inbox->unread(), 2);
    }

    void loggingOutClearsIt()
    {
        transport->on("GET", unreadOfAna, "notificaciones_2");
        inbox->setUsuario(fx::ana);
        QTRY_COMPARE(inbox->unread(), 2);
        QSignalSpy unread(inbox.get(), &NotificationInbox::unreadChanged);
        inbox->setUsuario({});
        QCOMPARE(inbox->unread(), 0);
        QCOMPARE(unread.last().at(0).toInt(), 0);
        Q_EMIT live->eventReceived(fx::withSeq(events::Event::notificacionCreada(9, fx::ana, fx::ticket(6)), 70));
        QTest::qWait(10);
        QCOMPARE(transport->requests().size(), 1); // nobody signed in: nothing asked
    }

    void aFailedCountKeepsTheLastOne()
    {
        transport->on("GET", unreadOfAna, "notificaciones_2");
        transport->on("GET", unreadOfAna, FixtureReply::unreachable());
        inbox->setUsuario(fx::ana);
        QTRY_COMPARE(inbox->unread(), 2);
        Q_EMIT live->eventReceived(fx::withSeq(events::Event::notificacionCreada(9, fx::ana, fx::ticket(6)), 70));
        QTRY_COMPARE(transport->requests().size(), 2);
        QTest::qWait(10);
        QCOMPARE(inbox->unread(), 2);
    }
};

QTEST_GUILESS_MAIN(TestClientInbox)
#include "tst_client_inbox.moc"
