// The real main window, driven with QTest against a real server (offscreen): log in, filter,
// change a state, see another client's ticket appear, lose and regain the server, and show
// each role only what it may use; keep each ticket's draft to itself, and keep the open ticket
// open whatever the list does.

#include "ApiFixture.h"
#include "core/DraftStore.h"
#include "core/NotificationInbox.h"
#include "core/Session.h"
#include "core/TicketListModel.h"
#include "core/TimelineModel.h"
#include "core/UsuarioListModel.h"
#include "ui/ConnectionBanner.h"
#include "ui/FilterBar.h"
#include "ui/HealthPanel.h"
#include "ui/LoginDialog.h"
#include "ui/MainWindow.h"
#include "ui/NewTicketDialog.h"
#include "ui/TicketDetailView.h"
#include "ui/UsuariosView.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTranslator>

using namespace tickets;
using namespace tickets::client;
using namespace tickets::test;

namespace {
const QString kAgente = QStringLiteral("agente@ventana.example");
const QString kAgentePassword = QStringLiteral("agente-clave-larga");
const QString kSolicitante = QStringLiteral("solicitante@ventana.example");
const QString kSolicitantePassword = QStringLiteral("solicitante-clave-larga");
const QString kAdmin = QStringLiteral("admin@ventana.example");
const QString kAdminPassword = QStringLiteral("admin-clave-larga");

QStringList titlesShown(const QTableView *table)
{
    QStringList titles;
    for (int row = 0; row < table->model()->rowCount(); ++row)
        titles << table->model()->index(row, TicketListModel::Titulo).data().toString();
    return titles;
}

// A click on the ticket's row, as a person would pick it; false when it is not listed.
bool clickTicket(MainWindow &window, const QString &title)
{
    QTableView *table = window.ticketTable();
    if (!QTest::qWaitFor([&] { return titlesShown(table).contains(title); }, 10000))
        return false;
    const QModelIndex index = table->model()->index(titlesShown(table).indexOf(title), TicketListModel::Titulo);
    table->scrollTo(index);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
    return window.detail()->findChild<QLabel *>("detailTitulo")->text() == title;
}

QPlainTextEdit *composeOf(MainWindow &window)
{
    return window.detail()->findChild<QPlainTextEdit *>("compose");
}

QComboBox *tipoOf(MainWindow &window)
{
    return window.detail()->findChild<QComboBox *>("composeTipo");
}

QLabel *notListedOf(MainWindow &window)
{
    return window.detail()->findChild<QLabel *>("detailNotListed");
}
} // namespace

class TestDesktopWindow : public QObject
{
    Q_OBJECT
    ApiFixture f{QStringLiteral("tst_desktop_window"), {{"AUTH_REQUIRED", "true"}}};
    QString solicitanteId;

    // A window logged in through its own login dialog, as a person would.
    std::unique_ptr<MainWindow> openWindow(const QString &email, const QString &password)
    {
        auto window = std::make_unique<MainWindow>(f.server().url());
        window->show();
        window->start();
        if (!logIn(*window, email, password))
            return nullptr;
        return window;
    }

    // Fills and sends the window's login dialog (shown at start or after a logout).
    bool logIn(MainWindow &window, const QString &email, const QString &password)
    {
        if (!QTest::qWaitFor([&] { return window.loginDialog() && window.loginDialog()->isVisible(); }, 5000))
            return false;
        LoginDialog *login = window.loginDialog();
        auto *emailField = login->findChild<QLineEdit *>("email");
        emailField->clear();
        QTest::keyClicks(emailField, email);
        QTest::keyClicks(login->findChild<QLineEdit *>("password"), password);
        QSignalSpy ready(&window, &MainWindow::ready);
        QTest::mouseClick(login->findChild<QPushButton *>("loginButton"), Qt::LeftButton);
        if (!ready.wait(10000) && ready.isEmpty())
            return false;
        window.activateWindow();
        return QTest::qWaitForWindowActive(&window);
    }

    // What the server holds for a ticket, as "tipo: contenido", newest first (state changes left out).
    QStringList entriesOf(const QString &ticketId)
    {
        QStringList entries;
        const QJsonArray items = f.http().get("/tickets/" + ticketId + "/interacciones").array();
        for (const QJsonValue &item : items) {
            if (item["tipo"].toString() != QLatin1String("cambio_estado"))
                entries << item["tipo"].toString() + ": " + item["contenido"].toString();
        }
        return entries;
    }

    QMessageBox *draftsPrompt(MainWindow &window)
    {
        QMessageBox *box = nullptr;
        const bool shown = QTest::qWaitFor(
            [&] { return (box = window.findChild<QMessageBox *>("draftsPrompt")) && box->isVisible(); }, 5000);
        return shown ? box : nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QSettings().clear();
        QVERIFY(f.start());
        QVERIFY(!f.bootstrapAdmin(kAdmin, kAdminPassword).isEmpty());
        QVERIFY(!f.createUsuario(kAgente, "soporte", "Ana Agente", kAgentePassword).isEmpty());
        solicitanteId = f.createUsuario(kSolicitante, "usuario", "Sol Solicitante", kSolicitantePassword);
        QVERIFY(!solicitanteId.isEmpty());
        f.createTicket(solicitanteId, "La impresora no imprime", "alta");
        f.createTicket(solicitanteId, "Correo en el móvil", "media");
        f.createTicket(solicitanteId, "Monitor nuevo", "baja");
    }

    void aWrongPasswordIsSaidInTheDialog()
    {
        MainWindow window(f.server().url());
        window.show();
        window.start();
        QTRY_VERIFY(window.loginDialog() && window.loginDialog()->isVisible());
        LoginDialog *login = window.loginDialog();
        QTest::keyClicks(login->findChild<QLineEdit *>("email"), kAgente);
        QTest::keyClicks(login->findChild<QLineEdit *>("password"), "no-es-esta");
        QTest::mouseClick(login->findChild<QPushButton *>("loginButton"), Qt::LeftButton);
        QTRY_COMPARE(login->findChild<QLabel *>("loginMessage")->text(),
                     QStringLiteral("Email o contraseña incorrectos"));
        QVERIFY(login->isVisible());
    }

    void loginShowsTheTicketsAndTheirCounts()
    {
        auto window = openWindow(kAgente, kAgentePassword);
        QVERIFY(window);
        QTableView *table = window->ticketTable();
        QTRY_COMPARE(table->model()->rowCount(), 3);
        QCOMPARE(titlesShown(table).first(), QStringLiteral("Monitor nuevo")); // newest first
        QTRY_COMPARE(window->filterBar()->findChild<QToolButton *>("estado-abierto")->text(),
                     QStringLiteral("Abierto (3)"));
        QTRY_COMPARE(window->liveStatus()->property("state").toInt(), static_cast<int>(LiveEvents::State::Live));
        // Names arrive with the user directory, a moment after the rows.
        QTRY_COMPARE(table->model()->index(0, TicketListModel::Solicitante).data().toString(),
                     QStringLiteral("Sol Solicitante"));
    }

    void typingInTheSearchBoxFiltersOnTheServer()
    {
        auto window = openWindow(kAgente, kAgentePassword);
        QVERIFY(window);
        QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier); // search focus
        QTRY_VERIFY(window->filterBar()->searchBox()->hasFocus());
        QTest::keyClicks(window->filterBar()->searchBox(), "IMPRESORA");
        QTRY_COMPARE(titlesShown(window->ticketTable()), QStringList{"La impresora no imprime"});
        // One request for the whole word (debounced), with the text as the q filter.
        QCOMPARE(f.server().log().count("q=IMPRESORA"), 1);
        QCOMPARE(f.server().log().count("q=I&"), 0);
        window->filterBar()->searchBox()->clear();
        QTest::mouseClick(window->filterBar()->findChild<QToolButton *>("estado-cerrado"), Qt::LeftButton);
        QTRY_COMPARE(window->ticketTable()->model()->rowCount(), 0);
    }

    void clickingAStateChangesItOnTheServerAndInTheTimeline()
    {
        auto window = openWindow(kAgente, kAgentePassword);
        QVERIFY(window);
        QTRY_VERIFY(window->detail()->ticket().has_value());
        const Ticket ticket = *window->detail()->ticket();
        QToolButton *resolve = window->detail()->findChild<QToolButton *>("cambiar-resuelto");
        QVERIFY(resolve->isVisible() && resolve->isEnabled());
        QTest::mouseClick(resolve, Qt::LeftButton);
        QTRY_COMPARE(window->detail()->findChild<QLabel *>("detailEstado")->text(), QStringLiteral("Resuelto"));
        QCOMPARE(f.db()
                     .scalar(QStringLiteral("SELECT estado FROM tickets WHERE id = '%1'")
                                 .arg(ticket.id.toString(QUuid::WithoutBraces)))
                     .toString(),
                 QStringLiteral("resuelto"));
        TimelineModel *timeline = window->detail()->timeline();
        QTRY_VERIFY(timeline->rowCount() > 0);
        QCOMPARE(static_cast<TipoInteraccion>(timeline->data(timeline->index(0), TimelineModel::TipoRole).toInt()),
                 TipoInteraccion::CambioEstado);
        QVERIFY(timeline->data(timeline->index(0), TimelineModel::ContenidoRole).toString().contains("resuelto"));
        // The list row follows, and so do the counts.
        const int row = window->ticketModel()->rowOf(ticket.id);
        QTRY_COMPARE(window->ticketModel()->ticketAt(row)->estado, Estado::Resuelto);
        QTRY_COMPARE(window->filterBar()->findChild<QToolButton *>("estado-resuelto")->text(),
                     QStringLiteral("Resuelto (1)"));

        // Ctrl+4 closes it, from the keyboard.
        QTest::keyClick(window.get(), Qt::Key_4, Qt::ControlModifier);
        QTRY_COMPARE(f.db()
                         .scalar(QStringLiteral("SELECT estado FROM tickets WHERE id = '%1'")
                                     .arg(ticket.id.toString(QUuid::WithoutBraces)))
                         .toString(),
                     QStringLiteral("cerrado"));
    }

    void commentsAndInternalNotesFromTheDetail()
    {
        auto window = openWindow(kAgente, kAgentePassword);
        QVERIFY(window);
        QTRY_VERIFY(window->detail()->ticket().has_value());
        auto *tipo = window->detail()->findChild<QComboBox *>("composeTipo");
        QCOMPARE(tipo->count(), 2); // staff may write internal notes
        tipo->setCurrentIndex(1);
        QTest::keyClicks(window->detail()->findChild<QPlainTextEdit *>("compose"), "Solo para el equipo");
        QTest::mouseClick(window->detail()->findChild<QPushButton *>("sendButton"), Qt::LeftButton);
        TimelineModel *timeline = window->detail()->timeline();
        QTRY_COMPARE(timeline->data(timeline->index(0), TimelineModel::ContenidoRole).toString(),
                     QStringLiteral("Solo para el equipo"));
        QVERIFY(timeline->data(timeline->index(0), TimelineModel::InternaRole).toBool());
        QCOMPARE(f.db().scalar("SELECT tipo FROM interacciones WHERE contenido = 'Solo para el equipo'").toString(),
                 QStringLiteral("nota_interna"));
    }

    void aDraftTypedForOneTicketNeverReachesAnother()
    {
        const QString a = f.createTicket(solicitanteId, "Borrador uno");
        const QString b = f.createTicket(solicitanteId, "Borrador dos");
        auto window = openWindow(kAgente, kAgentePassword);
        QVERIFY(window);
        QVERIFY(!window->ticketTable()->tabKeyNavigation()); // Tab leaves the table for the detail
        QVERIFY(clickTicket(*window, "Borrador uno"));
        tipoOf(*window)->setCurrentIndex(tipoOf(*window)->findData(static_cast<int>(TipoInteraccion::NotaInterna)));
        QTest::keyClicks(composeOf(*window), "Solo para el uno");

        QVERIFY(clickTicket(*window, "Borrador dos"));
        QCOMPARE(composeOf(*window)->toPlainText(), QString()); // neither the text nor the type follow
        QCOMPARE(tipoOf(*window)->currentText(), QStringLiteral("Comentario"));
        QCOMPARE(window->detail()->findChild<QPushButton *>("sendButton")->text(), QStringLiteral("Enviar"));
        QTest::mouseClick(composeOf(*window)->viewport(), Qt::LeftButton);
        QTRY_VERIFY(composeOf(*window)->hasFocus());
        QTest::keyClicks(composeOf(*window), "Para el dos");
        QTest::keyClick(composeOf(*window), Qt::Key_Return, Qt::ControlModifier); // Ctrl+Enter sends
        QTRY_COMPARE(entriesOf(b), QStringList{"comentario: Para el dos"});
        QTRY_COMPARE(composeOf(*window)->toPlainText(), QString());
        QCOMPARE(entriesOf(a), QStringList());

        QVERIFY(clickTicket(*window, "Borrador uno")); // its draft waits for it
        QCOMPARE(composeOf(*window)->toPlainText(), QStringLiteral("Solo para el uno"));
        QCOMPARE(tipoOf(*window)->currentText(), QStringLiteral("Nota interna"));
        QVERIFY(window->detail()->findChild<QLabel *>("composeNotaAviso")->isVisible());
        composeOf(*window)->clear();
    }

    void aSentCommentClearsOnlyItsOwnTicketsDraft()
    {
        const QString a = f.createTicket(solicitanteId, "Enviado uno");
        const QString b = f.createTicket(solicitanteId, "Enviado dos");
        auto window = openWindow(kAgente, kAgentePassword);
        QVERIFY(window);
        QVERIFY(clickTicket(*window, "Enviado uno"));
        QTest::keyClicks(composeOf(*window), "Sigue en el uno");
        QVERIFY(clickTicket(*window, "Enviado dos"));
        QTest::keyClicks(composeOf(*window), "Enviado al dos");
        // Sent, and another ticket opened before the answer can arrive (no event loop between).
        window->detail()->send();
        window->ticketTable()->selectRow(titlesShown(window->ticketTable()).indexOf("Enviado uno"));
        QCOMPARE(window->detail()->findChild<QLabel *>("detailTitulo")->text(), QStringLiteral("Enviado uno"));
        QTRY_COMPARE(entriesOf(b), QStringList{"comentario: Enviado al dos"});
        QTRY_VERIFY(window->drafts().draft(QUuid::fromString(b)).isEmpty());
        QCOMPARE(composeOf(*window)->toPlainText(), QStringLiteral("Sigue en el uno")); // the box shown is not emptied
        QCOMPARE(window->drafts().draft(QUuid::fromString(a)).text, QStringLiteral("Sigue en el uno"));
        QCOMPARE(entriesOf(a), QStringList());
        QVERIFY(clickTicket(*window, "Enviado dos"));
        QCOMPARE(composeOf(*window)->toPlainText(), QString());
        QVERIFY(clickTicket(*window, "Enviado uno"));
        composeOf(*window)->clear();
    }

    void theOpenTicketStaysWhenItLeavesTheFilteredList()
    {
        const QString a = f.createTicket(solicitanteId, "Lo cambia una colega");
        const QString b = f.createTicket(solicitanteId, "Lo cierro yo");
        auto window = openWindow(kAgente, kAgentePassword);
        QVERIFY(window);
        QTRY_COMPARE(window->liveStatus()->property("state").toInt(), static_cast<int>(LiveEvents::State::Live));
        QTest::mouseClick(window->filterBar()->findChild<QToolButton *>("estado-abierto"), Qt::LeftButton);
        QTRY_VERIFY(window->ticketModel()->query().estado == Estado::Abierto && !window->ticketModel()->isLoading());
        QVERIFY(clickTicket(*window, "Lo cambia una colega"));
        QTest::keyClicks(composeOf(*window), "Mientras ella lo cambia");
        QVERIFY(!notListedOf(*window)->isVisible());
        QVERIFY(window->ticketTable()->currentIndex().isValid());
        QVERIFY(window->ticketTable()->model()->rowCount() > 1); // there are neighbours to move to

        // A colleague moves it out of "Abierto": the row goes, the ticket stays open.
        QCOMPARE(f.http().patch("/tickets/" + a + "/estado?nuevo_estado=en_proceso").status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(!titlesShown(window->ticketTable()).contains("Lo cambia una colega"), 10000);
        QCOMPARE(window->detail()->ticket()->id, QUuid::fromString(a));
        QCOMPARE(window->detail()->findChild<QLabel *>("detailTitulo")->text(), QStringLiteral("Lo cambia una colega"));
        QVERIFY(notListedOf(*window)->isVisible());
        QCOMPARE(notListedOf(*window)->text(), QStringLiteral("Este ticket ya no está en la lista filtrada"));
        QVERIFY(!window->ticketTable()->currentIndex().isValid()); // no neighbour chosen for the agent
        QVERIFY(window->ticketTable()->selectionModel()->selectedRows().isEmpty());
        QCOMPARE(composeOf(*window)->toPlainText(), QStringLiteral("Mientras ella lo cambia"));
        QTRY_COMPARE(window->detail()->findChild<QLabel *>("detailEstado")->text(), QStringLiteral("En proceso"));
        composeOf(*window)->clear();

        // The agent's own change does the same.
        QVERIFY(clickTicket(*window, "Lo cierro yo"));
        QVERIFY(!notListedOf(*window)->isVisible());
        QVERIFY(window->ticketTable()->currentIndex().isValid());
        QTest::mouseClick(window->detail()->findChild<QToolButton *>("cambiar-cerrado"), Qt::LeftButton);
        QTRY_VERIFY(!titlesShown(window->ticketTable()).contains("Lo cierro yo"));
        QCOMPARE(window->detail()->ticket()->id, QUuid::fromString(b));
        QVERIFY(notListedOf(*window)->isVisible());
        QVERIFY(!window->ticketTable()->currentIndex().isValid());
        QCOMPARE(window->detail()->findChild<QLabel *>("detailEstado")->text(), QStringLiteral("Cerrado"));

        // Choosing another ticket is what changes it.
        const QString other = titlesShown(window->ticketTable()).first();
        QVERIFY(clickTicket(*window, other));
        QVERIFY(!notListedOf(*window)->isVisible());
    }

    void aLogoutLeavesNothingForTheNextUser()
    {
        f.createTicket(solicitanteId, "Borrador de la agente");
        auto window = openWindow(kAgente, kAgentePassword);
        QVERIFY(window);
        QVERIFY(clickTicket(*window, "Borrador de la agente"));
        QTest::keyClicks(composeOf(*window), "Texto de Ana");
        QTest::keyClicks(window->filterBar()->searchBox(), "agente");
        QTRY_COMPARE(titlesShown(window->ticketTable()), QStringList{"Borrador de la agente"});
        QTRY_VERIFY(window->usuariosView()->model()->rowCount() > 0);
        QTRY_VERIFY(window->findChild<QLabel *>("counts")->text().contains("Abierto"));

        // Drafts would wait: the person is asked, and may stay.
        window->logout();
        QMessageBox *prompt = draftsPrompt(*window);
        QVERIFY(prompt);
        QCOMPARE(prompt->defaultButton(), prompt->findChild<QPushButton *>("keepDrafts"));
        QTest::mouseClick(prompt->findChild<QPushButton *>("cancelLogout"), Qt::LeftButton);
        QTRY_VERIFY(!prompt->isVisible());
        QVERIFY(window->session().usuario());
        QCOMPARE(composeOf(*window)->toPlainText(), QStringLiteral("Texto de Ana"));

        window->logout();
        QVERIFY((prompt = draftsPrompt(*window)));
        QTest::mouseClick(prompt->findChild<QPushButton *>("keepDrafts"), Qt::LeftButton);
        QTRY_VERIFY(window->loginDialog() && window->loginDialog()->isVisible());
        // Behind the login dialog: nothing of hers.
        QCOMPARE(window->ticketTable()->model()->rowCount(), 0);
        QCOMPARE(window->detail()->findChild<QLabel *>("detailTitulo")->text(),
                 QStringLiteral("Ningún ticket seleccionado"));
        QCOMPARE(composeOf(*window)->toPlainText(), QString());
        QCOMPARE(window->usuariosView()->model()->rowCount(), 0);
        QCOMPARE(window->findChild<QLabel *>("counts")->text(), QString());
        QCOMPARE(window->findChild<QLabel *>("who")->text(), QString());
        QCOMPARE(window->filterBar()->searchBox()->text(), QString());
        QCOMPARE(window->filterBar()->findChild<QToolButton *>("estado-todos")->text(), QStringLiteral("Todos"));

        // The requester who opened that ticket sees it without her draft.
        QVERIFY(logIn(*window, kSolicitante, kSolicitantePassword));
        QVERIFY(clickTicket(*window, "Borrador de la agente"));
        QCOMPARE(composeOf(*window)->toPlainText(), QString());
        QTRY_COMPARE(window->ticketTable()->model()->index(0, TicketListModel::Solicitante).data().toString(),
                     QStringLiteral("Sol Solicitante"));
        QVERIFY(!titlesShown(window->ticketTable()).isEmpty());
        window->logout(); // no drafts: no question
        QTRY_VERIFY(window->loginDialog() && window->loginDialog()->isVisible());
        QVERIFY(!window->findChild<QMessageBox *>("draftsPrompt"));

        // Kept for her: back when she signs in again, until she discards them.
        QVERIFY(logIn(*window, kAgente, kAgentePassword));
        QVERIFY(clickTicket(*window, "Borrador de la agente"));
        QCOMPARE(composeOf(*window)->toPlainText(), QStringLiteral("Texto de Ana"));
        window->logout();
        QVERIFY((prompt = draftsPrompt(*window)));
        QTest::mouseClick(prompt->findChild<QPushButton *>("discardDrafts"), Qt::LeftButton);
        QTRY_VERIFY(window->loginDialog() && window->loginDialog()->isVisible());
        QVERIFY(logIn(*window, kAgente, kAgentePassword));
        QVERIFY(clickTicket(*window, "Borrador de la agente"));
        QCOMPARE(composeOf(*window)->toPlainText(), QString());
    }

    void draftsAndTheirTypeSurviveARestart()
    {
        const QString id = f.createTicket(solicitanteId, "Para mañana");
        {
            auto window = openWindow(kAgente, kAgentePassword);
            QVERIFY(window);
            QVERIFY(clickTicket(*window, "Para mañana"));
            tipoOf(*window)->setCurrentIndex(tipoOf(*window)->findData(static_cast<int>(TipoInteraccion::NotaInterna)));
            QTest::keyClicks(composeOf(*window), "Seguir el lunes");
            window->close();
        }
        auto window = openWindow(kAgente, kAgentePassword);
        QVERIFY(window);
        QVERIFY(clickTicket(*window, "Para mañana"));
        QCOMPARE(composeOf(*window)->toPlainText(), QStringLiteral("Seguir el lunes"));
        QCOMPARE(tipoOf(*window)->currentText(), QStringLiteral("Nota interna"));
        // An internal note looks like one: the warning, the button, the note colour.
        auto *aviso = window->detail()->findChild<QLabel *>("composeNotaAviso");
        QVERIFY(aviso->isVisible());
        QCOMPARE(aviso->text(), QStringLiteral("Nota interna: solo la ve el personal"));
        auto *send = window->detail()->findChild<QPushButton *>("sendButton");
        QCOMPARE(send->text(), QStringLiteral("Guardar nota interna"));
        const QColor background = composeOf(*window)->viewport()->grab().toImage().pixelColor(3, 3);
        QVERIFY2(background.lightness() > 200 ? background == QColor(0xff, 0xf8, 0xc5)
                                              : background == QColor(0x4a, 0x3b, 0x00),
                 qPrintable(background.name()));
        QTest::mouseClick(send, Qt::LeftButton);
        QTRY_COMPARE(entriesOf(id), QStringList{"nota_interna: Seguir el lunes"});
        QTRY_COMPARE(composeOf(*window)->toPlainText(), QString());
        QVERIFY(!aviso->isVisible()); // the next one starts as a comment again
    }

    void aTicketFromAnotherClientAppearsWithoutAsking()
    {
        auto window = openWindow(kAgente, kAgentePassword);
        QVERIFY(window);
        QTRY_COMPARE(window->liveStatus()->property("state").toInt(), static_cast<int>(LiveEvents::State::Live));
        QTRY_VERIFY(!window->ticketModel()->isLoading() && window->ticketTable()->model()->rowCount() >= 3);
        const int before = window->ticketTable()->model()->rowCount();
        HttpClient other(f.server().url());
        other.setToken(f.login(kSolicitante, kSolicitantePassword));
        QCOMPARE(other.post("/tickets", QJsonObject{{"titulo", "Desde otro equipo"}, {"descripcion", "d"}}).status,
                 200);
        QTRY_VERIFY_WITH_TIMEOUT(titlesShown(window->ticketTable()).contains("Desde otro equipo"), 10000);
        QCOMPARE(titlesShown(window->ticketTable()).count("Desde otro equipo"), 1);
        QCOMPARE(window->ticketTable()->model()->rowCount(), before + 1);
    }

    void aStoppedServerShowsTheBannerAndARestartRecovers()
    {
        auto window = openWindow(kAgente, kAgentePassword);
        QVERIFY(window);
        QTRY_COMPARE(window->liveStatus()->property("state").toInt(), static_cast<int>(LiveEvents::State::Live));
        f.server().stop();
        QTRY_VERIFY_WITH_TIMEOUT(window->banner()->isVisible(), 10000);
        QVERIFY(window->banner()->message().contains("No se puede conectar"));
        QVERIFY(window->ticketTable()->model()->rowCount() > 0); // what was shown stays
        QVERIFY(window->liveStatus()->property("state").toInt() != static_cast<int>(LiveEvents::State::Live));

        QVERIFY(f.server().restart());
        // The live feed comes back by itself and the banner goes.
        QTRY_COMPARE_WITH_TIMEOUT(window->liveStatus()->property("state").toInt(),
                                  static_cast<int>(LiveEvents::State::Live), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!window->banner()->isVisible(), 10000);
        // And a change made elsewhere while the window watches arrives again.
        const QString id = f.createTicket(solicitanteId, "Después del reinicio");
        QVERIFY(!id.isEmpty());
        QTRY_VERIFY2_WITH_TIMEOUT(titlesShown(window->ticketTable()).contains("Después del reinicio"),
                                  qPrintable(titlesShown(window->ticketTable()).join(" | ") + " live seq " +
                                             QString::number(window->live().lastSeq())),
                                  10000);
    }

    void theNewTicketDialogUsesTheSharedRules()
    {
        auto window = openWindow(kSolicitante, kSolicitantePassword);
        QVERIFY(window);
        QTest::keyClick(window.get(), Qt::Key_N, Qt::ControlModifier);
        NewTicketDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window->findChild<NewTicketDialog *>()) && dialog->isVisible());
        QVERIFY(!dialog->findChild<QComboBox *>("solicitante")); // a usuario opens tickets for themself
        QTest::mouseClick(dialog->findChild<QPushButton *>("createButton"), Qt::LeftButton);
        QCOMPARE(dialog->errors().textOf("titulo"), QStringLiteral("Este campo no puede estar vacío"));
        QVERIFY(dialog->isVisible());
        QTest::keyClicks(dialog->findChild<QLineEdit *>("titulo"), QString(300, u'x'));
        QTest::mouseClick(dialog->findChild<QPushButton *>("createButton"), Qt::LeftButton);
        QCOMPARE(dialog->errors().textOf("titulo"), QStringLiteral("Debe tener como máximo 255 caracteres"));
        dialog->findChild<QLineEdit *>("titulo")->setText("Pantalla parpadea");
        QTest::keyClicks(dialog->findChild<QPlainTextEdit *>("descripcion"), "Desde ayer");
        QTest::mouseClick(dialog->findChild<QPushButton *>("createButton"), Qt::LeftButton);
        QTRY_VERIFY(titlesShown(window->ticketTable()).contains("Pantalla parpadea"));
        QCOMPARE(f.db().scalar("SELECT usuario_id::text FROM tickets WHERE titulo = 'Pantalla parpadea'").toString(),
                 solicitanteId);
    }

    void eachRoleSeesWhatItMayUse()
    {
        auto usuario = openWindow(kSolicitante, kSolicitantePassword);
        QVERIFY(usuario);
        QVERIFY(!usuario->tabs()->isTabVisible(1) && !usuario->tabs()->isTabVisible(2));
        QTRY_VERIFY(usuario->detail()->ticket().has_value());
        QCOMPARE(usuario->detail()->findChild<QComboBox *>("composeTipo")->count(), 1);
        QVERIFY(!usuario->detail()->findChild<QToolButton *>("cambiar-cerrado")->isVisible());
        usuario.reset();

        auto agente = openWindow(kAgente, kAgentePassword);
        QVERIFY(agente);
        QVERIFY(agente->tabs()->isTabVisible(1) && !agente->tabs()->isTabVisible(2));
        QVERIFY(!agente->usuariosView()->findChild<QPushButton *>("newUsuario")->isVisible());
        agente.reset();

        auto admin = openWindow(kAdmin, kAdminPassword);
        QVERIFY(admin);
        QVERIFY(admin->tabs()->isTabVisible(1) && admin->tabs()->isTabVisible(2));
        admin->tabs()->setCurrentIndex(2);
        QTRY_COMPARE(admin->healthPanel()->light("database"), HealthPanel::Light::Green);
        QCOMPARE(admin->healthPanel()->light("redis"), HealthPanel::Light::Green);
        QTRY_VERIFY(admin->healthPanel()->figure("ida_y_vuelta") != QStringLiteral("—"));
        QCOMPARE(admin->healthPanel()->figure("version"), QStringLiteral(TICKETS_VERSION));
    }

    void adminsManageUsers()
    {
        auto window = openWindow(kAdmin, kAdminPassword);
        QVERIFY(window);
        window->tabs()->setCurrentIndex(1);
        UsuariosView *view = window->usuariosView();
        QTRY_VERIFY(view->model()->rowCount() >= 3);
        QTest::mouseClick(view->findChild<QPushButton *>("newUsuario"), Qt::LeftButton);
        QDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = view->findChild<QDialog *>("usuarioDialog")) && dialog->isVisible());
        QTest::keyClicks(dialog->findChild<QLineEdit *>("nombre"), "Nuevo Colega");
        QTest::keyClicks(dialog->findChild<QLineEdit *>("email"), "no-es-un-correo");
        QTest::mouseClick(dialog->findChild<QPushButton *>("saveButton"), Qt::LeftButton);
        QVERIFY(dialog->findChild<QLabel *>("emailError")->isVisible());
        dialog->findChild<QLineEdit *>("email")->setText("nuevo@ventana.example");
        QTest::mouseClick(dialog->findChild<QPushButton *>("saveButton"), Qt::LeftButton);
        QTRY_VERIFY(
            view->model()->rowOf(QUuid::fromString(
                f.db().scalar("SELECT id::text FROM usuarios WHERE email = 'nuevo@ventana.example'").toString())) >= 0);
        // Deactivate it from the table.
        const int row = view->model()->rowOf(QUuid::fromString(
            f.db().scalar("SELECT id::text FROM usuarios WHERE email = 'nuevo@ventana.example'").toString()));
        view->table()->selectRow(row);
        QTest::mouseClick(view->findChild<QPushButton *>("deactivateUsuario"), Qt::LeftButton);
        QTRY_COMPARE(f.db().scalar("SELECT activo FROM usuarios WHERE email = 'nuevo@ventana.example'").toBool(),
                     false);
    }

    void aNotificationForMeRaisesTheBadge()
    {
        // The worker creates a notice for every support agent when a ticket is opened.
        QProcess worker;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("SUPABASE_DB_URL", f.db().url());
        env.insert("REDIS_HOST", "127.0.0.1");
        env.insert("REDIS_PORT", QString::number(TestEnvironment::redisPort()));
        worker.setProcessEnvironment(env);
        worker.setProcessChannelMode(QProcess::MergedChannels);
        worker.start(qEnvironmentVariable("TICKETS_WORKER_BIN"));
        QVERIFY(worker.waitForStarted());
        // It first works through the tickets opened earlier in this suite.
        const QString agente =
            f.db().scalar(QStringLiteral("SELECT id::text FROM usuarios WHERE email = '%1'").arg(kAgente)).toString();
        const QString unnoticed =
            QStringLiteral("SELECT count(*) FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM notificaciones n "
                           "WHERE n.ticket_id = t.id AND n.destinatario_id = '%1')")
                .arg(agente);
        QTRY_COMPARE_WITH_TIMEOUT(f.db().scalar(unnoticed).toInt(), 0, 20000);
        auto window = openWindow(kAgente, kAgentePassword);
        QVERIFY(window);
        QTRY_COMPARE(window->liveStatus()->property("state").toInt(), static_cast<int>(LiveEvents::State::Live));
        const int unread =
            f.db()
                .scalar(QStringLiteral("SELECT count(*) FROM notificaciones WHERE destinatario_id = '%1' AND NOT leida")
                            .arg(agente))
                .toInt();
        QTRY_COMPARE(window->inbox().unread(), unread);
        QVERIFY(!f.createTicket(solicitanteId, "Necesito ayuda urgente").isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(window->inbox().unread(), unread + 1, 10000);
        QCOMPARE(window->notificationBadge()->text(), QStringLiteral("Notificaciones: %1").arg(unread + 1));
        worker.terminate();
        QVERIFY(worker.waitForFinished(10000));
    }

    void everyStringHasItsEnglish()
    {
        QFile ts(qEnvironmentVariable("TICKETS_SOURCE_DIR") + "/resources/translations/tickets-desktop_en.ts");
        QVERIFY(ts.open(QIODevice::ReadOnly));
        const QByteArray text = ts.readAll();
        QVERIFY(text.count("<message") > 100);
        QCOMPARE(text.count("type=\"unfinished\""), 0);
        QTranslator english;
        QVERIFY(english.load(QLocale(QLocale::English), "tickets-desktop", "_", ":/i18n"));
        QCoreApplication::installTranslator(&english);
        FilterBar bar;
        QCOMPARE(bar.findChild<QToolButton *>("estado-todos")->text(), QStringLiteral("All"));
        QCOMPARE(bar.findChild<QToolButton *>("estado-en_proceso")->text(), QStringLiteral("In progress"));
        QCoreApplication::removeTranslator(&english);
    }

    void layoutIsRemembered()
    {
        {
            auto window = openWindow(kAgente, kAgentePassword);
            QVERIFY(window);
            // A laptop's width: the window's minimum stays below it (Qt would impose and
            // remember the minimum instead).
            window->layout()->activate(); // the hint of a layout not yet run is stale
            QVERIFY(window->minimumSizeHint().width() <= 1280);
            window->resize(1280, 850);
            window->ticketTable()->setColumnWidth(TicketListModel::Solicitante, 222);
            window->close();
        }
        MainWindow again(f.server().url());
        QCOMPARE(again.size(), QSize(1280, 850));
        QCOMPARE(again.ticketTable()->columnWidth(TicketListModel::Solicitante), 222);
    }
};

QTEST_MAIN(TestDesktopWindow)
#include "tst_desktop_window.moc"
