// tickets-worker: consumes cola:batch:procesar (see BatchWorker and ReliableQueue).

#include "config/Config.h"
#include "config/Logging.h"
#include "worker/BatchWorker.h"
#include "worker/Logging.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostInfo>
#include <QRandomGenerator>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace {
std::atomic<bool> g_stop{false};

void onSignal(int)
{
    g_stop.store(true);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tickets-worker"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TICKETS_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Soporte batch worker: consumes cola:batch:procesar. "
                                                    "Same configuration as tickets-server."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption envFileOption(QStringLiteral("env-file"), QStringLiteral("Read variables from this file."),
                                           QStringLiteral("path"));
    parser.addOption(envFileOption);
    parser.process(app);

    using namespace tickets::server;
    Config config;
    try {
        config = loadConfig(
            readEnvironment(parser.isSet(envFileOption) ? parser.value(envFileOption) : QStringLiteral(".env")));
    } catch (const ConfigError &error) {
        std::fprintf(stderr, "Configuration error: %s\n", qPrintable(error.message()));
        return 2;
    }
    configureLogging(config.debug);

    struct sigaction action
    {
    };
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);

    const QByteArray id = (QHostInfo::localHostName() + u'-' + QString::number(QCoreApplication::applicationPid()) +
                           u'-' + QString::number(QRandomGenerator::global()->generate() % 100000))
                              .toUtf8();
    qCInfo(lcWorker).noquote() << "worker" << id << "consuming"
                               << "cola:batch:procesar";
    return BatchWorker(config, id, config.workerStaleSeconds).run(g_stop);
}
