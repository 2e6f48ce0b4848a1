// Session and Capabilities in-process: logging in (and the messages a failed login shows), an
// expired session bringing the login back, logging out, and what each role may do from the
// one role table.

#include "ClientFixtures.h"
#include "core/DesktopSettings.h"
#include "core/Session.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace tickets;
using namespace tickets::client;
using namespace tickets::test;

class TestClientSession : public QObject
{
    Q_OBJECT
    std::unique_ptr<ClientRig> rig;
    std::unique_ptr<Session> session;

    void loginAsAna()
    {
        rig->transport.on("POST", "/auth/login", "login_ana");
        QSignalSpy loggedIn(session.get(), &Session::loggedIn);
        session->login(QStringLiteral("ana.garcia@example.com"), QStringLiteral("una-clave-larga"));
        if (!loggedIn.wait(2000))
            qFatal("no login");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings away from the real ones
        QCoreApplication::setOrganizationName(QStringLiteral("Soporte"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_client_session"));
        QVERIFY(!Session::keychainEnabled()); // TICKETS_DESKTOP_NO_KEYCHAIN=1
    }

    void init()
    {
        rig = std::make_unique<ClientRig>();
        session = std::make_unique<Session>(rig->api);
    }

    void cleanup()
    {
        const QString unanswered = rig->unanswered();
        session.reset();
        rig.reset();
        QVERIFY2(unanswered.isEmpty(), qPrintable(unanswered));
    }

    void aFirstStartAsksToLogIn()
    {
        QSignalSpy needsLogin(session.get(), &Session::needsLogin);
        session->resume();
        QTRY_COMPARE(needsLogin.size(), 1);
        QCOMPARE(needsLogin.at(0).at(0).toString(), QString()); // no reason to give
        QCOMPARE(rig->transport.requests().size(), 0);
        QVERIFY(!session->usuario());
    }

    void loggingInSignsThePersonIn()
    {
        QSignalSpy changed(&session->capabilities(), &Capabilities::changed);
        rig->transport.on("POST", "/auth/login", "login_ana");
        QSignalSpy loggedIn(session.get(), &Session::loggedIn);
        std::optional<bool> mayChangeWhenTold; // what a handler of loggedIn (the window) finds
        connect(session.get(), &Session::loggedIn, this,
                [&] { mayChangeWhenTold = session->capabilities().may(Permission::ChangeEstado); });
        session->login(QStringLiteral("  ana.garcia@example.com "), QStringLiteral("una-clave-larga"));
        QTRY_COMPARE(loggedIn.size(), 1);
        QCOMPARE(QJsonDocument::fromJson(rig->transport.last().body).object(),
                 (QJsonObject{{"email", "ana.garcia@example.com"}, {"password", "una-clave-larga"}}));
        QCOMPARE(loggedIn.at(0).at(0).value<Usuario>().nombre, QStringLiteral("Ana García"));
        QCOMPARE(session->usuario()->id, fx::ana);
        QCOMPARE(rig->api.token(), QByteArray("tok-ana-0123456789"));
        // What Ana may do is known by the time anyone hears she logged in.
        QCOMPARE(mayChangeWhenTold, std::optional<bool>(true));
        QCOMPARE(changed.size(), 1);
        QVERIFY(session->capabilities().may(Permission::ChangeEstado));
        QVERIFY(!session->capabilities().may(Permission::ManageUsers));
        // The login dialog offers her email next time.
        QCOMPARE(DesktopSettings().lastEmail(), QStringLiteral("ana.garcia@example.com"));
        // The next request goes with her token.
        rig->transport.on("GET", "/auth/me", "me_ana");
        rig->api.me(nullptr, [](Result<Usuario>) {});
        QCOMPARE(rig->transport.last().header("Authorization"), QByteArray("Bearer tok-ana-0123456789"));
    }

    void aFailedLoginSaysWhy_data()
    {
        QTest::addColumn<FixtureReply>("reply");
        QTest::addColumn<QString>("message");
        QTest::newRow("wrong password") << FixtureReply::load("login_wrong_password")
                                        << "Email o contraseña incorrectos";
        QTest::newRow("too many tries") << FixtureReply::load("login_throttled")
                                        << "Demasiados intentos fallidos. Inténtelo de nuevo más tarde.";
        QTest::newRow("server down") << FixtureReply::unreachable(QStringLiteral("Connection refused"))
                                     << "No se puede conectar con el servidor: Connection refused";
    }

    void aFailedLoginSaysWhy()
    {
        QFETCH(FixtureReply, reply);
        QFETCH(QString, message);
        rig->transport.on("POST", "/auth/login", reply);
        QSignalSpy failed(session.get(), &Session::loginFailed);
        QSignalSpy loggedIn(session.get(), &Session::loggedIn);
        QSignalSpy needsLogin(session.get(), &Session::needsLogin);
        session->login(QStringLiteral("ana.garcia@example.com"), QStringLiteral("mala"));
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).toString(), message);
        QCOMPARE(loggedIn.size(), 0);
        QCOMPARE(needsLogin.size(), 0); // the dialog stays, with the message
        QVERIFY(rig->api.token().isEmpty());
        QVERIFY(!session->capabilities().rol());
    }

    void anExpiredSessionBringsTheLoginBack()
    {
        loginAsAna();
        rig->transport.on("GET", "/tickets/resumen", "not_authenticated");
        QSignalSpy needsLogin(session.get(), &Session::needsLogin);
        QSignalSpy changed(&session->capabilities(), &Capabilities::changed);
        rig->api.resumen(nullptr, [](Result<TicketResumen>) {});
        QTRY_COMPARE(needsLogin.size(), 1);
        QCOMPARE(needsLogin.at(0).at(0).toString(), QStringLiteral("Su sesión ha caducado. Vuelva a iniciar sesión."));
        QVERIFY(!session->usuario());
        QVERIFY(rig->api.token().isEmpty());
        QCOMPARE(changed.size(), 1);
        QVERIFY(!session->capabilities().may(Permission::SeeAllTickets));
        // Other requests that were already on their way and come back 401 say nothing more.
        rig->api.setToken("tok-viejo");
        rig->api.resumen(nullptr, [](Result<TicketResumen>) {});
        QTest::qWait(10);
        QCOMPARE(needsLogin.size(), 1);
    }

    void loggingOutRevokesTheToken()
    {
        loginAsAna();
        rig->transport.on("POST", "/auth/logout", FixtureReply::json(204, QJsonValue()));
        QSignalSpy loggedOut(session.get(), &Session::loggedOut);
        QSignalSpy needsLogin(session.get(), &Session::needsLogin);
        session->logout();
        QCOMPARE(loggedOut.size(), 1);
        const QList<ApiRequest> logout = rig->transport.requestsTo("POST", "/auth/logout");
        QCOMPARE(logout.size(), 1);
        QCOMPARE(logout.first().header("Authorization"), QByteArray("Bearer tok-ana-0123456789")); // the one to revoke
        QVERIFY(rig->api.token().isEmpty());
        QVERIFY(!session->usuario());
        QVERIFY(!session->capabilities().rol());
        QTest::qWait(10);
        QCOMPARE(needsLogin.size(), 0);
    }

    void loggingOutWithAnExpiredTokenIsNotAnExpiry()
    {
        loginAsAna();
        rig->transport.on("POST", "/auth/logout", "not_authenticated");
        QSignalSpy needsLogin(session.get(), &Session::needsLogin);
        session->logout();
        QTest::qWait(10);
        QCOMPARE(needsLogin.size(), 0); // the window shows its own login, once
    }

    void eachRoleMayDoWhatTheTableSays_data()
    {
        QTest::addColumn<int>("rol");
        QTest::addColumn<QList<int>>("allowed");
        const auto list = [](std::initializer_list<Permission> permissions) {
            QList<int> ints;
            for (Permission p : permissions)
                ints << static_cast<int>(p);
            return ints;
        };
        QTest::newRow("usuario") << int(Rol::Usuario) << QList<int>{};
        QTest::newRow("soporte") << int(Rol::Soporte)
                                 << list({Permission::SeeAllTickets, Permission::SeeInternalNotes,
                                          Permission::ChangeEstado, Permission::ActOnBehalf, Permission::ReadUsers});
        QTest::newRow("admin") << int(Rol::Admin)
                               << list({Permission::SeeAllTickets, Permission::SeeInternalNotes,
                                        Permission::ChangeEstado, Permission::ActOnBehalf, Permission::ReadUsers,
                                        Permission::ManageUsers, Permission::SeeHealthDetails});
    }

    void eachRoleMayDoWhatTheTableSays()
    {
        QFETCH(int, rol);
        QFETCH(QList<int>, allowed);
        Capabilities capabilities;
        for (int p = int(Permission::SeeAllTickets); p <= int(Permission::SeeHealthDetails); ++p)
            QVERIFY(!capabilities.may(static_cast<Permission>(p))); // nobody signed in: nothing
        capabilities.setRol(static_cast<Rol>(rol));
        for (int p = int(Permission::SeeAllTickets); p <= int(Permission::SeeHealthDetails); ++p)
            QCOMPARE(capabilities.may(static_cast<Permission>(p)), allowed.contains(p));
    }

    void capabilitiesSayWhenTheyChange()
    {
        Capabilities capabilities;
        QSignalSpy changed(&capabilities, &Capabilities::changed);
        capabilities.setRol(Rol::Soporte);
        capabilities.setRol(Rol::Soporte); // the same person logging in again: nothing to redo
        QCOMPARE(changed.size(), 1);
        capabilities.setRol(Rol::Admin);
        capabilities.setRol(std::nullopt);
        QCOMPARE(changed.size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestClientSession)
#include "tst_client_session.moc"
