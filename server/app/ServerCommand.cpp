#include "app/ServerCommand.h"

#include "api/CorsPolicy.h"
#include "app/HttpWorker.h"
#include "app/Logging.h"
#include "app/ServerRuntime.h"
#include "app/SessionMemoFeed.h"
#include "app/SignalWatcher.h"
#include "app/WritePool.h"
#include "auth/PasswordHasher.h"
#include "config/Config.h"
#include "config/Logging.h"
#include "config/Settings.h"
#include "http/GuardedTcpServer.h"
#include "live/LiveHub.h"
#include "outbox/OutboxRelay.h"
#include "redis/RedisClient.h"
#include "redis/ResponseCache.h"
#include "redis/SessionCache.h"
#include "storage/Database.h"
#include "storage/Logging.h"
#include "storage/Migrator.h"
#include "storage/OutboxRepository.h"
#include "storage/OutboxWakeup.h"
#include "storage/SessionRepository.h"
#include "storage/UsuarioRepository.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QFile>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

#include <cstdio>
#include <memory>
#include <sodium.h>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

namespace tickets::server {

namespace {
constexpr int kWriteQueueLimit = 1024;

void raiseFileLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

int checkConnections(const Config &config)
{
    bool ok = true;
    {
        Database database(config.database, QStringLiteral("check"));
        QString error;
        if (database.open(&error)) {
            QSqlQuery query(database.connection());
            query.exec(QStringLiteral("SELECT version()"));
            std::printf("PostgreSQL: OK (%s)\n", query.next() ? qPrintable(query.value(0).toString()) : "");
        } else {
            std::printf("PostgreSQL: ERROR %s\n", qPrintable(error));
            ok = false;
        }
        std::printf("  %s\n", qPrintable(config.database.describe()));
    }
    const auto redis = RedisClient::create(config.redis, 2000);
    double ms = 0;
    QString error;
    if (redis->ping(&ms, &error)) {
        std::printf("Redis: OK (PING %.2f ms)\n", ms);
    } else {
        std::printf("Redis: ERROR %s\n", qPrintable(error));
        ok = false;
    }
    std::printf("  %s\n", qPrintable(config.redis.describe()));
    return ok ? 0 : 1;
}

// The schema must be current before anything is served; a database that is still starting
// (systemd ordering, a container) gets some time.
bool migrate(const Config &config, int waitSeconds)
{
    Database database(config.database, QStringLiteral("migrations"));
    QDeadlineTimer deadline(waitSeconds * 1000);
    for (;;) {
        try {
            const Migrator::Result result = Migrator(database).migrate();
            qCInfo(lcMigrations).noquote() << "schema is current:" << result.applied.size() << "applied now,"
                                           << result.alreadyApplied.size() << "already applied";
            return true;
        } catch (const DatabaseUnavailable &error) {
            if (deadline.hasExpired()) {
                qCCritical(lcMigrations).noquote() << "database unavailable, schema not applied:" << error.message();
                return false;
            }
            QThread::msleep(500);
        } catch (const SqlError &error) {
            qCCritical(lcMigrations).noquote() << "schema migration failed:" << error.message();
            return false;
        }
    }
}

// Sessions made while the API asked nobody who they were (AUTH_REQUIRED=false) prove nothing
// once it asks again: an open-mode server records when that began, and the next server with
// AUTH_REQUIRED=true ends the sessions created since (and their cached copies).
bool settleOpenMode(const Config &config)
{
    try {
        Database database(config.database, QStringLiteral("open-mode"));
        SessionRepository sessions(database);
        if (!config.auth.required) {
            sessions.recordOpenMode();
            return true;
        }
        const QList<QByteArray> ended = sessions.endOpenModeSessions();
        if (ended.isEmpty())
            return true;
        qCWarning(lcServer).noquote() << ended.size() << "session(s) created while AUTH_REQUIRED=false ended";
        try {
            const auto redis = RedisClient::create(config.redis, 2000);
            for (const QByteArray &hash : ended)
                ResponseCache::invalidateNow(*redis, SessionCache::key(hash).key);
        } catch (const RedisUnavailable &error) {
            // Their cached copies are refused within a minute anyway: an entry due for renewal
            // is checked against PostgreSQL, where the session is gone.
            qCWarning(lcServer).noquote() << "cached sessions not removed:" << error.what();
        }
        return true;
    } catch (const std::exception &error) {
        qCCritical(lcServer).noquote() << "could not settle the sessions of open mode:" << error.what();
        return false;
    }
}

// The key that signs cached sessions: TICKETS_SECRET_KEY (hashed to 32 bytes), or the one
// kept in PostgreSQL, made by the first instance that needed it. Redis never sees it.
bool resolveMacKey(Config &config)
{
    if (!config.auth.secretKey.isEmpty()) {
        config.auth.macKey = QCryptographicHash::hash(config.auth.secretKey.toUtf8(), QCryptographicHash::Sha256);
        return true;
    }
    try {
        if (sodium_init() < 0)
            throw std::runtime_error("libsodium could not be initialised");
        QByteArray candidate(crypto_auth_hmacsha256_KEYBYTES, Qt::Uninitialized);
        randombytes_buf(candidate.data(), static_cast<size_t>(candidate.size()));
        Database database(config.database, QStringLiteral("secret-key"));
        config.auth.macKey = SessionRepository(database).sharedKey(candidate);
        if (config.auth.macKey.size() < crypto_auth_hmacsha256_KEYBYTES)
            throw std::runtime_error("clave_servidor holds no usable key");
        return true;
    } catch (const std::exception &error) {
        qCCritical(lcServer).noquote() << "could not read the key that signs cached sessions:" << error.what();
        return false;
    }
}

// --create-admin EMAIL: the password from TICKETS_ADMIN_PASSWORD, or the first line of
// standard input, so an installation script can bootstrap the first admin.
int createAdmin(const Config &config, const QString &email, const Environment &environment)
{
    FieldErrors errors;
    const auto address = validation::asEmail(email, loc(QStringLiteral("email")), errors);
    QString password = environment.value(QStringLiteral("TICKETS_ADMIN_PASSWORD"));
    if (password.isEmpty()) {
        char line[1024] = {};
        if (std::fgets(line, sizeof line, stdin))
            password = QString::fromUtf8(line).remove(u'\n').remove(u'\r');
    }
    validation::asString(password, loc(QStringLiteral("password")), errors, rules::password);
    if (!errors.isEmpty()) {
        for (const FieldError &error : std::as_const(errors))
            std::fprintf(stderr, "--create-admin: %s: %s\n", qPrintable(error.loc.last().toString()),
                         qPrintable(error.msg));
        return 2;
    }
    Database database(config.database, QStringLiteral("admin"));
    OutboxRepository outbox(database, nullptr); // a relay delivers it by its poll
    UsuarioRepository usuarios(database, outbox);
    try {
        const Usuario admin =
            usuarios.upsertAdmin(*address, address->section(u'@', 0, 0), PasswordHasher::hash(password));
        std::printf("admin %s ready (id %s)\n", qPrintable(admin.email),
                    qPrintable(admin.id.toString(QUuid::WithoutBraces)));
        return 0;
    } catch (const std::exception &error) {
        std::fprintf(stderr, "--create-admin failed: %s\n", error.what());
        return 1;
    }
}

} // namespace

int runServer(int argc, char **argv)
{
    // Qt's own poll dispatcher is measurably faster than glib's for many short requests.
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tickets-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TICKETS_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Soporte ticket REST server. Configuration comes from the environment and from a .env file "
                       "(the environment wins); see README.md for every variable."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption hostOption(QStringLiteral("host"), QStringLiteral("Address to listen on (API_HOST)."),
                                        QStringLiteral("address"));
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("Port to listen on (API_PORT)."),
                                        QStringLiteral("port"));
    const QCommandLineOption envFileOption(QStringLiteral("env-file"),
                                           QStringLiteral("Read variables from this file instead of ./.env."),
                                           QStringLiteral("path"));
    const QCommandLineOption migrateOnlyOption(QStringLiteral("migrate-only"),
                                               QStringLiteral("Apply pending schema files and exit."));
    const QCommandLineOption checkOption(QStringLiteral("check-connections"),
                                         QStringLiteral("Try PostgreSQL and Redis, print what was found, and exit."));
    const QCommandLineOption createAdminOption(
        QStringLiteral("create-admin"),
        QStringLiteral("Create (or promote) an admin with this address, its password read from "
                       "TICKETS_ADMIN_PASSWORD or the first line of standard input, and exit."),
        QStringLiteral("email"));
    const QCommandLineOption settingsOption(
        QStringLiteral("settings"),
        QStringLiteral("List every environment variable read, with its default and meaning, and exit."));
    parser.addOptions(
        {hostOption, portOption, envFileOption, migrateOnlyOption, checkOption, createAdminOption, settingsOption});
    parser.process(app);
    if (parser.isSet(settingsOption)) {
        for (const Setting &setting : settings())
            std::printf("%s\t%s\t%s\n", qPrintable(setting.variable), qPrintable(setting.defaultText()),
                        qPrintable(setting.meaning));
        return 0;
    }

    const QString envFile = parser.isSet(envFileOption) ? parser.value(envFileOption) : QStringLiteral(".env");
    if (parser.isSet(envFileOption) && !QFile::exists(envFile)) {
        std::fprintf(stderr, "Configuration error: --env-file %s does not exist\n", qPrintable(envFile));
        return 2;
    }
    Environment environment = readEnvironment(envFile);
    if (parser.isSet(hostOption))
        environment.insert(QStringLiteral("API_HOST"), parser.value(hostOption));
    if (parser.isSet(portOption))
        environment.insert(QStringLiteral("API_PORT"), parser.value(portOption));

    Config config;
    try {
        config = loadConfig(environment);
    } catch (const ConfigError &error) {
        std::fprintf(stderr, "Configuration error: %s\n", qPrintable(error.message()));
        return 2;
    }
    configureLogging(config.debug);
    for (const QString &line : config.describe())
        qCInfo(lcConfig).noquote() << line;
    for (const QString &warning : config.warnings)
        qCWarning(lcConfig).noquote() << warning;

    if (parser.isSet(checkOption))
        return checkConnections(config);

    raiseFileLimit();
    if (!migrate(config, parser.isSet(migrateOnlyOption) ? 10 : 30))
        return 1;
    if (parser.isSet(migrateOnlyOption))
        return 0;
    if (parser.isSet(createAdminOption))
        return createAdmin(config, parser.value(createAdminOption), environment);
    if (!settleOpenMode(config) || !resolveMacKey(config))
        return 1;

    // One SO_REUSEPORT socket per thread; the kernel spreads connections across them.
    QString error;
    std::vector<int> descriptors;
    const int first = http::openListenSocket(config.http.host, static_cast<quint16>(config.http.port),
                                             config.http.listenBacklog, &error);
    if (first < 0) {
        qCCritical(lcServer).noquote() << error;
        return 1;
    }
    descriptors.push_back(first);
    const quint16 port = http::boundPort(first);
    for (int i = 1; i < config.http.threads; ++i) {
        const int fd = http::openListenSocket(config.http.host, port, config.http.listenBacklog, &error);
        if (fd < 0) {
            qCCritical(lcServer).noquote() << error;
            return 1;
        }
        descriptors.push_back(fd);
    }

    ServerRuntime runtime(config);
    // Live events: WebSocket and SSE clients in a thread of their own.
    QThread liveThread;
    liveThread.setObjectName(QStringLiteral("live"));
    auto *hub = new LiveHub(config, runtime.liveClients);
    hub->moveToThread(&liveThread);
    QObject::connect(&liveThread, &QThread::started, hub, &LiveHub::start);
    QObject::connect(&liveThread, &QThread::finished, hub, &QObject::deleteLater);
    auto *memoFeed = new SessionMemoFeed(config.redis, runtime.sessionMemo);
    memoFeed->moveToThread(&liveThread);
    QObject::connect(&liveThread, &QThread::started, memoFeed, &SessionMemoFeed::start);
    QObject::connect(&liveThread, &QThread::finished, memoFeed, &QObject::deleteLater);
    liveThread.start();
    runtime.liveSink = hub;

    // Stopped after the event-loop threads (declared before them), once what it holds is done.
    std::unique_ptr<WritePool> writePool;
    if (config.http.writeThreads > 0) {
        // Each connection waits for one answer at a time, so the queue is bounded by the
        // connection cap already; this bound keeps a burst from queueing more than a few seconds.
        writePool = std::make_unique<WritePool>(runtime, config.http.writeThreads, kWriteQueueLimit);
        runtime.writePool = writePool.get();
    }

    std::vector<std::unique_ptr<HttpWorker>> workers;
    for (int i = 0; i < config.http.threads; ++i) {
        workers.push_back(std::make_unique<HttpWorker>(i, runtime, descriptors[static_cast<std::size_t>(i)]));
        workers.back()->start();
    }
    qCInfo(lcServer).noquote() << QStringLiteral("listening on http://%1:%2 with %3 threads and %4 write threads")
                                      .arg(config.http.host)
                                      .arg(port)
                                      .arg(config.http.threads)
                                      .arg(config.http.writeThreads);

    // The outbox relay: its own thread, its own connections.
    QThread relayThread;
    relayThread.setObjectName(QStringLiteral("outbox-relay"));
    auto *relay = new OutboxRelay(config, runtime.outboxWakeup);
    relay->moveToThread(&relayThread);
    QObject::connect(&relayThread, &QThread::started, relay, &OutboxRelay::start);
    QObject::connect(&relayThread, &QThread::finished, relay, &QObject::deleteLater);
    relayThread.start();

    SignalWatcher signals;
    QObject::connect(&signals, &SignalWatcher::terminationRequested, &app, [](int signal) {
        qCInfo(lcServer) << "signal" << signal << "received; stopping";
        QCoreApplication::quit();
    });
    for (auto &worker : workers) {
        QObject::connect(worker.get(), &QThread::finished, &app, [] {
            if (!QCoreApplication::closingDown())
                QCoreApplication::exit(1); // a worker that stops on its own leaves the server half-deaf
        });
    }
    const int status = app.exec();
    for (auto &worker : workers) {
        worker->disconnect(&app);
        worker->quit();
        worker->wait();
    }
    relayThread.quit();
    relayThread.wait();
    liveThread.quit();
    liveThread.wait();
    qCInfo(lcServer) << "stopped";
    return status;
}

} // namespace tickets::server
