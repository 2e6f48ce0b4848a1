// The widgets that read core objects, in-process (offscreen) over fixtures: the health panel's
// lights and figures from typed /health, the forms checking typed input with the server's own
// rules before sending anything, and the detail view offering each role what it may do.

#include "ClientFixtures.h"
#include "core/Capabilities.h"
#include "core/DraftStore.h"
#include "core/HealthMonitor.h"
#include "core/UsuarioDirectory.h"
#include "ui/HealthPanel.h"
#include "ui/NewTicketDialog.h"
#include "ui/Palette.h"
#include "ui/TicketDetailView.h"
#include "ui/UsuarioDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace tickets;
using namespace tickets::client;
using namespace tickets::test;

class TestClientUi : public QObject
{
    Q_OBJECT
    std::unique_ptr<ClientRig> rig;

    static Usuario marta() { return *Usuario::fromJson(FixtureReply::load("me_marta").object()); }
    static Ticket ticket5() { return *Ticket::fromJson(FixtureReply::load("ticket_5").object()); }

private Q_SLOTS:
    void init() { rig = std::make_unique<ClientRig>(); }

    void cleanup()
    {
        const QString unanswered = rig->unanswered();
        rig.reset();
        QVERIFY2(unanswered.isEmpty(), qPrintable(unanswered));
    }

    void theHealthPanelShowsTheServersFigures()
    {
        rig->transport.on("GET", "/health", "health_admin");
        rig->transport.on("GET", "/health", "health_redis_down");
        rig->transport.on("GET", "/health", FixtureReply::unreachable());
        HealthMonitor monitor(rig->api);
        HealthPanel panel(monitor);
        QSignalSpy updated(&monitor, &HealthMonitor::updated);
        QCOMPARE(panel.light("database"), HealthPanel::Light::Unknown);

        monitor.poll();
        QTRY_COMPARE(updated.size(), 1);
        QCOMPARE(panel.light("database"), HealthPanel::Light::Green);
        QCOMPARE(panel.light("redis"), HealthPanel::Light::Green);
        QCOMPARE(panel.light("worker"), HealthPanel::Light::Green);
        QCOMPARE(panel.light("queue"), HealthPanel::Light::Green);
        QCOMPARE(panel.figure("version"), QStringLiteral("0.1.0"));
        QCOMPARE(panel.figure("uptime_segundos"), QStringLiteral("3725"));
        QCOMPARE(panel.figure("cola_pendientes"), QStringLiteral("4"));
        QCOMPARE(panel.figure("outbox_pendiente"), QStringLiteral("2"));
        QCOMPARE(panel.figure("trabajadores_activos"), QStringLiteral("1"));
        QCOMPARE(panel.figure("ultimo_latido"), QStringLiteral("2026-02-06T09:59:58.000Z"));
        QCOMPARE(panel.figure("clientes_en_vivo"), QStringLiteral("3"));

        monitor.poll(); // Redis down: its light goes red, and what it cannot know shows as unknown
        QTRY_COMPARE(updated.size(), 2);
        QCOMPARE(panel.light("redis"), HealthPanel::Light::Red);
        QCOMPARE(panel.light("worker"), HealthPanel::Light::Unknown);
        QCOMPARE(panel.figure("cola_pendientes"), QStringLiteral("—"));
        QCOMPARE(panel.figure("ultimo_latido"), QStringLiteral("—"));
        QCOMPARE(panel.figure("outbox_pendiente"), QStringLiteral("12"));

        monitor.poll(); // no answer at all
        QTRY_COMPARE(updated.size(), 3);
        QCOMPARE(panel.light("database"), HealthPanel::Light::Unknown);
    }

    void aNewTicketIsCheckedBeforeItIsSent()
    {
        rig->transport.on("POST", "/tickets", "ticket_nuevo");
        NewTicketDialog dialog(rig->api, marta(), {});
        QSignalSpy created(&dialog, &NewTicketDialog::created);
        dialog.submit(); // empty title
        QCOMPARE(dialog.errors().textOf("titulo"), QStringLiteral("Este campo no puede estar vacío"));
        dialog.findChild<QLineEdit *>("titulo")->setText(QString(256, u'x'));
        dialog.submit();
        QCOMPARE(dialog.errors().textOf("titulo"), QStringLiteral("Debe tener como máximo 255 caracteres"));
        QCOMPARE(rig->transport.requests().size(), 0); // nothing went to the server

        dialog.findChild<QLineEdit *>("titulo")->setText(QStringLiteral("Pantalla parpadea"));
        dialog.findChild<QPlainTextEdit *>("descripcion")->setPlainText(QStringLiteral("Desde ayer"));
        dialog.findChild<QComboBox *>("prioridad")->setCurrentIndex(int(Prioridad::Alta));
        dialog.submit();
        QTRY_COMPARE(created.size(), 1);
        QCOMPARE(dialog.errors().textOf("titulo"), QString());
        QCOMPARE(QJsonDocument::fromJson(rig->transport.last().body).object(),
                 (QJsonObject{{"usuario_id", fx::text(fx::marta)},
                              {"titulo", "Pantalla parpadea"},
                              {"descripcion", "Desde ayer"},
                              {"prioridad", "alta"}}));
    }

    void theServersFieldErrorsLandOnTheFields()
    {
        rig->transport.on("POST", "/usuarios", "usuario_422");
        UsuarioDialog dialog(rig->api, std::nullopt);
        dialog.findChild<QLineEdit *>("nombre")->setText(QStringLiteral("Ana"));
        dialog.findChild<QLineEdit *>("email")->setText(QStringLiteral("ana@example.com")); // fine here...
        dialog.submit();
        QTRY_COMPARE(rig->transport.requests().size(), 1);
        // ...but the server says otherwise, and its words land on the same fields.
        QTRY_VERIFY(dialog.findChild<QLabel *>("emailError")->text() ==
                    QStringLiteral("No es una dirección de correo válida"));
        QCOMPARE(dialog.findChild<QLabel *>("nombreError")->text(), QStringLiteral("Este campo no puede estar vacío"));
    }

    void aUserFormChecksEmailNameAndPassword()
    {
        rig->transport.on("POST", "/usuarios", "usuario_creado");
        rig->transport.on("PATCH", "/usuarios/" + fx::text(fx::marta), "me_marta");
        UsuarioDialog create(rig->api, std::nullopt);
        create.findChild<QLineEdit *>("nombre")->setText(QStringLiteral("Pablo Sanz"));
        create.findChild<QLineEdit *>("email")->setText(QStringLiteral("no-es-un-correo"));
        create.findChild<QLineEdit *>("password")->setText(QStringLiteral("corta"));
        create.submit();
        QCOMPARE(create.findChild<QLabel *>("emailError")->text(),
                 QStringLiteral("No es una dirección de correo válida"));
        QCOMPARE(create.findChild<QLabel *>("passwordError")->text(),
                 QStringLiteral("Debe tener al menos 8 caracteres"));
        QCOMPARE(rig->transport.requests().size(), 0);
        create.findChild<QLineEdit *>("email")->setText(QStringLiteral("pablo.sanz@example.com"));
        create.findChild<QLineEdit *>("password")->clear(); // optional
        create.findChild<QComboBox *>("rol")->setCurrentIndex(int(Rol::Soporte));
        QSignalSpy saved(&create, &UsuarioDialog::saved);
        create.submit();
        QTRY_COMPARE(saved.size(), 1);
        QCOMPARE(QJsonDocument::fromJson(rig->transport.last().body).object(),
                 (QJsonObject{{"email", "pablo.sanz@example.com"}, {"nombre", "Pablo Sanz"}, {"rol", "soporte"}}));

        UsuarioDialog edit(rig->api, marta());
        edit.findChild<QCheckBox *>("activo")->setChecked(false);
        edit.submit();
        QTRY_COMPARE(rig->transport.requests().size(), 2);
        QCOMPARE(
            QJsonDocument::fromJson(rig->transport.last().body).object(),
            (QJsonObject{
                {"email", "marta.ruiz@example.com"}, {"nombre", "Marta Ruiz"}, {"rol", "usuario"}, {"activo", false}}));
    }

    void theDetailOffersEachRoleWhatItMay()
    {
        rig->transport.on("GET", "/tickets/" + fx::text(fx::ticket(5)) + "/interacciones", "interacciones_5");
        UsuarioDirectory directory(rig->api);
        Capabilities capabilities;
        DraftStore drafts;
        TicketDetailView view(rig->api, &rig->live, directory, capabilities, drafts);
        view.showTicket(ticket5());
        auto *tipo = view.findChild<QComboBox *>("composeTipo");
        auto *resolver = view.findChild<QToolButton *>("cambiar-resuelto");
        QCOMPARE(tipo->count(), 1); // nobody signed in: a comment at most
        QVERIFY(resolver->isHidden());

        capabilities.setRol(Rol::Soporte);
        QCOMPARE(tipo->count(), 2);
        QCOMPARE(tipo->itemText(1), QStringLiteral("Nota interna"));
        QVERIFY(!resolver->isHidden());
        QVERIFY(resolver->isEnabled());
        QVERIFY(!view.findChild<QToolButton *>("cambiar-abierto")->isEnabled()); // it is open already

        capabilities.setRol(Rol::Usuario);
        QCOMPARE(tipo->count(), 1);
        QVERIFY(resolver->isHidden());
        view.changeEstado(Estado::Resuelto); // even asked directly (Ctrl+3): nothing is sent
        QTest::qWait(10);
        QCOMPARE(rig->transport.requestsTo("PATCH", "/tickets/" + fx::text(fx::ticket(5)) + "/estado").size(), 0);
    }

    void anEmptyCommentIsNotSent()
    {
        rig->transport.on("GET", "/tickets/" + fx::text(fx::ticket(5)) + "/interacciones", "interacciones_5");
        rig->transport.on("POST", "/interacciones", "interaccion_creada");
        UsuarioDirectory directory(rig->api);
        Capabilities capabilities;
        capabilities.setRol(Rol::Soporte);
        DraftStore drafts;
        TicketDetailView view(rig->api, nullptr, directory, capabilities, drafts);
        view.showTicket(ticket5());
        QSignalSpy problem(&view, &TicketDetailView::problem);
        view.findChild<QPlainTextEdit *>("compose")->setPlainText(QStringLiteral("   "));
        view.send();
        QCOMPARE(problem.size(), 1);
        QCOMPARE(problem.at(0).at(0).toString(), QStringLiteral("El texto no puede estar vacío"));
        QCOMPARE(rig->transport.requestsTo("POST", "/interacciones").size(), 0);
        view.findChild<QComboBox *>("composeTipo")->setCurrentIndex(1);
        view.findChild<QPlainTextEdit *>("compose")->setPlainText(QStringLiteral("Solo para el equipo"));
        view.send();
        QTRY_COMPARE(rig->transport.requestsTo("POST", "/interacciones").size(), 1);
        QCOMPARE(QJsonDocument::fromJson(rig->transport.last().body).object(),
                 (QJsonObject{{"ticket_id", fx::text(fx::ticket(5))},
                              {"tipo", "nota_interna"},
                              {"contenido", "Solo para el equipo"}}));
    }

    void anInternalNoteLooksLikeOne()
    {
        for (const palette::ColorPair &pair : {palette::noteComposeLight, palette::noteComposeDark})
            QVERIFY2(palette::contrastRatio(pair.background, pair.text) >= 7.0, qPrintable(pair.background.name()));
        rig->transport.on("GET", "/tickets/" + fx::text(fx::ticket(5)) + "/interacciones", "interacciones_5");
        UsuarioDirectory directory(rig->api);
        Capabilities capabilities;
        capabilities.setRol(Rol::Soporte);
        DraftStore drafts;
        TicketDetailView view(rig->api, nullptr, directory, capabilities, drafts);
        view.resize(600, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.showTicket(ticket5());
        auto *compose = view.findChild<QPlainTextEdit *>("compose");
        auto *aviso = view.findChild<QLabel *>("composeNotaAviso");
        auto *send = view.findChild<QPushButton *>("sendButton");
        const auto background = [compose] { return compose->viewport()->grab().toImage().pixelColor(5, 5); };
        const QColor plain = background();
        QVERIFY(!aviso->isVisible());
        QCOMPARE(send->text(), QStringLiteral("Enviar"));
        QVERIFY(compose->tabChangesFocus());

        view.findChild<QComboBox *>("composeTipo")->setCurrentIndex(1);
        QVERIFY(aviso->isVisible());
        QCOMPARE(aviso->text(), QStringLiteral("Nota interna: solo la ve el personal"));
        QCOMPARE(send->text(), QStringLiteral("Guardar nota interna"));
        QCOMPARE(background(), palette::noteComposeLight.background);
        QCOMPARE(compose->palette().color(QPalette::Text), palette::noteComposeLight.text);

        QPalette dark = view.palette(); // a dark theme: the dark pair
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        view.setPalette(dark);
        QCOMPARE(background(), palette::noteComposeDark.background);
        QCOMPARE(compose->palette().color(QPalette::Text), palette::noteComposeDark.text);

        view.findChild<QComboBox *>("composeTipo")->setCurrentIndex(0);
        QVERIFY(!aviso->isVisible());
        QCOMPARE(send->text(), QStringLiteral("Enviar"));
        view.setPalette(QPalette());
        QCOMPARE(background(), plain);
    }
};

QTEST_MAIN(TestClientUi)
#include "tst_client_ui.moc"
