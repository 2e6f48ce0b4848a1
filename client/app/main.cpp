// tickets-desktop: the Qt Widgets client for support staff.

#include "core/DesktopSettings.h"
#include "core/Session.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QScreen>
#include <QTimer>
#include <QTranslator>

using namespace tickets::client;

namespace {
// Spanish is the source language; English (or another) comes from a .qm next to the binary's
// resources, chosen by the setting or by the system's locale.
void installTranslations(QApplication &app, const QString &forced)
{
    const QLocale locale = forced.isEmpty() ? QLocale::system() : QLocale(forced);
    if (locale.language() == QLocale::Spanish)
        return;
    auto *ours = new QTranslator(&app);
    if (ours->load(locale, QStringLiteral("tickets-desktop"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(ours);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Soporte"));
    QApplication::setApplicationName(QStringLiteral("tickets-desktop"));
    QApplication::setApplicationDisplayName(QStringLiteral("Soporte"));
    QApplication::setApplicationVersion(QStringLiteral(TICKETS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("es.soporte.TicketsDesktop"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/tickets-desktop.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Soporte: desktop client for support staff."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOption(QStringLiteral("server"),
                                          QStringLiteral("Server URL (overrides the setting and TICKETS_SERVER_URL)."),
                                          QStringLiteral("url"));
    const QCommandLineOption languageOption(QStringLiteral("lang"), QStringLiteral("Interface language: es or en."),
                                            QStringLiteral("code"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QStringLiteral("Log in as TICKETS_DESKTOP_EMAIL / TICKETS_DESKTOP_PASSWORD, save a picture of the window once "
                       "the tickets are shown, then quit (for documentation)."),
        QStringLiteral("file"));
    parser.addOptions({serverOption, languageOption, screenshotOption});
    parser.process(app);

    installTranslations(app,
                        parser.isSet(languageOption) ? parser.value(languageOption) : DesktopSettings().language());

    MainWindow window(DesktopSettings().serverUrl(parser.value(serverOption)));
    window.show();
    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        QObject::connect(&window, &MainWindow::ready, &window, [&window, file] {
            // Give the badges, the detail and the counts a moment to arrive.
            QTimer::singleShot(1500, &window, [&window, file] {
                window.grab().save(file);
                QApplication::quit();
            });
        });
        window.session().login(qEnvironmentVariable("TICKETS_DESKTOP_EMAIL"),
                               qEnvironmentVariable("TICKETS_DESKTOP_PASSWORD"));
        return QApplication::exec();
    }
    window.start();
    return QApplication::exec();
}
