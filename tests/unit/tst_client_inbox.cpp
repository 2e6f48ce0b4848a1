// NotificationInbox in-process: the unread count at login, a new notice for me raising it and
// announcing its text, notices for others asking nothing, and a logout clearing it.

#include "ClientFixtures.h"
#include "core/NotificationInbox.h"

#include <QSignalSpy>
#include <QTest>

using namespace tickets;
using namespace tickets::client;
using namespace tickets::test;

class TestClientInbox : public QObject
{
    Q_OBJECT
    std::unique_ptr<ClientRig> rig;
    std::unique_ptr<NotificationInbox> inbox;
    const QString unreadOfAna =
        QStringLiteral("/notificaciones?usuario_id=") + fx::text(fx::ana) + QStringLiteral("&solo_no_leidas=true");

private Q_SLOTS:
    void init()
    {
        rig = std::make_unique<ClientRig>();
        inbox = std::make_unique<NotificationInbox>(rig->api, &rig->live);
    }

    void cleanup()
    {
        const QString unanswered = rig->unanswered();
        inbox.reset();
        rig.reset();
        QVERIFY2(unanswered.isEmpty(), qPrintable(unanswered));
    }

    void theUnreadCountArrivesAtLogin()
    {
        rig->transport.on("GET", unreadOfAna, "notificaciones_2");
        QSignalSpy unread(inbox.get(), &NotificationInbox::unreadChanged);
        QSignalSpy arrived(inbox.get(), &NotificationInbox::arrived);
        inbox->setUsuario(fx::ana);
        QTRY_COMPARE(inbox->unread(), 2);
        QCOMPARE(unread.last().at(0).toInt(), 2);
        QCOMPARE(arrived.size(), 0); // old notices are counted, not announced
    }

    void aNoticeForMeRaisesTheCountAndSaysWhat()
    {
        rig->transport.on("GET", unreadOfAna, "notificaciones_2");
        rig->transport.on("GET", unreadOfAna, "notificaciones_3");
        inbox->setUsuario(fx::ana);
        QTRY_COMPARE(inbox->unread(), 2);
        QSignalSpy arrived(inbox.get(), &NotificationInbox::arrived);
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::notificacionCreada(9, fx::ana, fx::ticket(6)), 70));
        QTRY_COMPARE(inbox->unread(), 3);
        QCOMPARE(arrived.size(), 1);
        QCOMPARE(arrived.at(0).at(0).value<Notificacion>().mensaje, QStringLiteral("Nuevo ticket: Pantalla parpadea"));
    }

    void noticesForOthersAndOtherEventsAskNothing()
    {
        rig->transport.on("GET", unreadOfAna, "notificaciones_2");
        inbox->setUsuario(fx::ana);
        QTRY_COMPARE(inbox->unread(), 2);
        Q_EMIT rig->live.eventReceived(
            fx::withSeq(events::Event::notificacionCreada(10, fx::admin, fx::ticket(6)), 71));
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::ticketCreado(fx::ticket(6)), 72));
        QTest::qWait(10);
        QCOMPARE(rig->transport.requests().size(), 1);
        QCOMPARE(inbox->unread(), 2);
    }

    void loggingOutClearsIt()
    {
        rig->transport.on("GET", unreadOfAna, "notificaciones_2");
        inbox->setUsuario(fx::ana);
        QTRY_COMPARE(inbox->unread(), 2);
        QSignalSpy unread(inbox.get(), &NotificationInbox::unreadChanged);
        inbox->setUsuario({});
        QCOMPARE(inbox->unread(), 0);
        QCOMPARE(unread.last().at(0).toInt(), 0);
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::notificacionCreada(9, fx::ana, fx::ticket(6)), 70));
        QTest::qWait(10);
        QCOMPARE(rig->transport.requests().size(), 1); // nobody signed in: nothing asked
    }

    void aFailedCountKeepsTheLastOne()
    {
        rig->transport.on("GET", unreadOfAna, "notificaciones_2");
        rig->transport.on("GET", unreadOfAna, FixtureReply::unreachable());
        inbox->setUsuario(fx::ana);
        QTRY_COMPARE(inbox->unread(), 2);
        Q_EMIT rig->live.eventReceived(fx::withSeq(events::Event::notificacionCreada(9, fx::ana, fx::ticket(6)), 70));
        QTRY_COMPARE(rig->transport.requests().size(), 2);
        QTest::qWait(10);
        QCOMPARE(inbox->unread(), 2);
    }
};

QTEST_GUILESS_MAIN(TestClientInbox)
#include "tst_client_inbox.moc"
