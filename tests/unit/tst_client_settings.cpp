// DesktopSettings and Labels in-process: what the client remembers between runs (under the keys
// earlier versions wrote, so nothing saved is lost), which server it picks, and the words it
// shows for the wire's values.

#include "core/DesktopSettings.h"
#include "core/Labels.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace tickets;
using namespace tickets::client;

class TestClientSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("Soporte"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_client_settings"));
    }

    void init()
    {
        QSettings().clear();
        qunsetenv("TICKETS_SERVER_URL");
    }

    void whatIsSavedComesBack()
    {
        {
            DesktopSettings settings;
            settings.setServerUrl(QUrl(QStringLiteral("https://soporte.example:8443")));
            settings.setLastEmail(QStringLiteral("ana.garcia@example.com"));
            settings.setLanguage(QStringLiteral("en"));
            settings.setWindowState({"geometry", "state", "splitter", "columns"});
        }
        const DesktopSettings again;
        QCOMPARE(again.serverUrl(), QUrl(QStringLiteral("https://soporte.example:8443")));
        QCOMPARE(again.lastEmail(), QStringLiteral("ana.garcia@example.com"));
        QCOMPARE(again.language(), QStringLiteral("en"));
        const DesktopSettings::WindowState window = again.windowState();
        QCOMPARE(window.geometry, QByteArray("geometry"));
        QCOMPARE(window.state, QByteArray("state"));
        QCOMPARE(window.splitter, QByteArray("splitter"));
        QCOMPARE(window.ticketColumns, QByteArray("columns"));
    }

    void settingsSavedByEarlierVersionsAreKept()
    {
        {
            QSettings old;
            old.setValue("server/url", "http://tickets.intranet:8000");
            old.setValue("session/email", "marta.ruiz@example.com");
            old.setValue("ui/language", "es");
            old.setValue("window/ticketColumns", QByteArray("cols"));
        }
        const DesktopSettings settings;
        QCOMPARE(settings.serverUrl(), QUrl(QStringLiteral("http://tickets.intranet:8000")));
        QCOMPARE(settings.lastEmail(), QStringLiteral("marta.ruiz@example.com"));
        QCOMPARE(settings.language(), QStringLiteral("es"));
        QCOMPARE(settings.windowState().ticketColumns, QByteArray("cols"));
    }

    void theServerIsChosenInOrder()
    {
        DesktopSettings settings;
        QCOMPARE(settings.serverUrl(), QUrl(QStringLiteral("http://localhost:8000"))); // nothing said: the default
        settings.setServerUrl(QUrl(QStringLiteral("http://guardado:8000")));
        QCOMPARE(settings.serverUrl(), QUrl(QStringLiteral("http://guardado:8000")));
        qputenv("TICKETS_SERVER_URL", "http://entorno:8000");
        QCOMPARE(settings.serverUrl(), QUrl(QStringLiteral("http://entorno:8000")));
        QCOMPARE(settings.serverUrl(QStringLiteral("linea:9000")),
                 QUrl(QStringLiteral("http://linea:9000"))); // --server wins
        qunsetenv("TICKETS_SERVER_URL");
    }

    void theWordsForTheWiresValues()
    {
        QCOMPARE(estadoLabel(Estado::EnProceso), QStringLiteral("En proceso"));
        QCOMPARE(estadoLabel(Estado::Cerrado), QStringLiteral("Cerrado"));
        QCOMPARE(prioridadLabel(Prioridad::Critica), QStringLiteral("Crítica"));
        QCOMPARE(tipoLabel(TipoInteraccion::NotaInterna), QStringLiteral("Nota interna"));
        QCOMPARE(rolLabel(Rol::Admin), QStringLiteral("Administrador"));
        for (const Estado estado : enumValues<Estado>())
            QVERIFY(!estadoLabel(estado).isEmpty());
        for (const Prioridad prioridad : enumValues<Prioridad>())
            QVERIFY(!prioridadLabel(prioridad).isEmpty());
        const QDateTime utc(QDate(2026, 2, 5), QTime(8, 30), Qt::UTC);
        QCOMPARE(fechaCorta(utc), QLocale().toString(utc.toLocalTime(), QStringLiteral("dd/MM/yyyy HH:mm")));
    }
};

QTEST_GUILESS_MAIN(TestClientSettings)
#include "tst_client_settings.moc"
