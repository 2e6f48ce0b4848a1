// Dependencies that fail: PostgreSQL restarting, Redis away, instances migrating at once.
// This suite runs its own PostgreSQL, so stopping it disturbs no other test.

#include "ApiFixture.h"
#include "PrivateRedis.h"
#include "WorkerProcess.h"
#include "events/Events.h"
#include "redis/RedisClient.h"

#include <QDir>
#include <QJsonArray>
#include <QProcess>
#include <QSqlQuery>

using namespace tickets;
using namespace tickets::server;
using namespace tickets::test;

namespace {
bool services(const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedChannels);
    process.start(TestEnvironment::servicesScript(), arguments);
    return process.waitForFinished(90000) && process.exitCode() == 0;
}
} // namespace

class TestResilience : public QObject
{
    Q_OBJECT
    QString pgDir = TestEnvironment::dataDir() + QStringLiteral("/resilience-pg");
    int pgPort = freePort();
    // The ".pgbouncer" run puts a PgBouncer of its own before this cluster: the restarts then
    // happen behind the pooler, as they would in a hosted deployment.
    bool pooled = TestEnvironment::throughPooler();
    QString poolerDir = TestEnvironment::dataDir() + QStringLiteral("/resilience-pgbouncer");
    int poolerPort = pooled ? freePort() : 0;

    QString url(const QString &db) const
    {
        return QStringLiteral("postgresql://tickets@127.0.0.1:%1/%2").arg(pooled ? poolerPort : pgPort).arg(db);
    }

    bool psql(const QString &sql)
    {
        QProcess process;
        process.start(QStringLiteral("psql"), {"-h", "127.0.0.1", "-p", QString::number(pgPort), "-U", "tickets", "-d",
                                               "postgres", "-qc", sql});
        return process.waitForFinished(30000) && process.exitCode() == 0;
    }

    // A database of its own in this suite's cluster, empty at every run.
    bool freshDatabase(const QString &name)
    {
        return psql(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name)) &&
               psql(QStringLiteral("CREATE DATABASE %1").arg(name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(services({"pg-start", pgDir, QString::number(pgPort)}));
        if (pooled)
            QVERIFY(services({"pgbouncer-start", poolerDir, QString::number(poolerPort), QString::number(pgPort)}));
        QVERIFY(freshDatabase("resiliencia"));
    }
    void cleanupTestCase()
    {
        if (pooled)
            services({"pgbouncer-stop", poolerDir});
        services({"pg-stop", pgDir});
    }

    void postgresRestartGives503ThenRecovers()
    {
        ServerProcess server;
        QVERIFY(server.start(url("resiliencia"), {{"TICKETS_DB_CONNECT_TIMEOUT_S", "2"}}));
        HttpClient http(server.url());
        const QJsonObject user =
            http.post("/usuarios", QJsonObject{{"email", "resiste@example.com"}, {"nombre", "R"}}).object();
        const QString id = user.value("id").toString();
        QVERIFY(!id.isEmpty());

        QVERIFY(services({"pg-stop", pgDir}));
        HttpReply reply = http.get("/usuarios/" + id);
        QCOMPARE(reply.status, 503);
        QCOMPARE(reply.object(), QJsonObject({{"detail", "Base de datos no disponible"}}));
        reply = http.post("/usuarios", QJsonObject{{"email", "perdido@example.com"}, {"nombre", "P"}});
        QCOMPARE(reply.status, 503);
        reply = http.get("/health");
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.object().value("status").toString(), QStringLiteral("degraded"));
        QVERIFY(reply.object().value("services").toObject().value("database").toString().startsWith("error: "));
        QCOMPARE(reply.object().value("services").toObject().value("redis").toString(), QStringLiteral("ok"));
        QCOMPARE(http.get("/health/ready").status, 503);

        QVERIFY(services({"pg-start", pgDir, QString::number(pgPort)}));
        // Every thread reconnects by itself; no restart of the server. Behind the pooler a
        // thread's last attempt may have waited its query_wait_timeout (5 s), and it waits as
        // long again before the next one.
        if (pooled) {
            const auto everyThreadAnswers = [&] {
                for (int i = 0; i < 10; ++i)
                    if (http.get("/usuarios/" + id).status != 200)
                        return false;
                return true;
            };
            QTRY_VERIFY_WITH_TIMEOUT(everyThreadAnswers(), 15000);
        }
        QTRY_COMPARE_WITH_TIMEOUT(http.get("/usuarios/" + id).status, 200, 5000);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(http.get("/usuarios/" + id).object().value("email").toString(),
                     QStringLiteral("resiste@example.com"));
        QCOMPARE(http.get("/health/ready").status, 200);
        QCOMPARE(http.post("/usuarios", QJsonObject{{"email", "vuelta@example.com"}, {"nombre", "V"}}).status, 200);
        QVERIFY(server.log().contains("reconnected to PostgreSQL"));
        server.stop();
        QCOMPARE(server.exitCode(), 0); // SIGTERM is a clean stop
    }

    // An outage is not a failed attempt: tasks held while PostgreSQL is down wait for it, are
    // shown as waiting, and are all done once it is back; nothing reaches cola:batch:fallidos.
    void theWorkerWaitsOutAPostgresRestart()
    {
        QVERIFY(freshDatabase("espera"));
        PrivateRedis redis(QStringLiteral("resilience-worker-redis"));
        QVERIFY(redis.isRunning());
        ServerProcess server;
        QVERIFY(server.start(url("espera"), {{"REDIS_PORT", redis.portText()}, {"TICKETS_DB_CONNECT_TIMEOUT_S", "2"}}));
        HttpClient http(server.url());
        const QString cliente = http.post("/usuarios", QJsonObject{{"email", "c@espera.example"}, {"nombre", "C"}})
                                    .object()
                                    .value("id")
                                    .toString();
        QCOMPARE(http.post("/usuarios", QJsonObject{{"email", "s@espera.example"}, {"nombre", "S"}, {"rol", "soporte"}})
                     .status,
                 200);
        const auto queue = RedisClient::create(redis.settings());
        QStringList tickets;
        for (int i = 0; i < 5; ++i)
            tickets << http.post("/tickets", QJsonObject{{"usuario_id", cliente},
                                                         {"titulo", QStringLiteral("Espera %1").arg(i)},
                                                         {"descripcion", "d"}})
                           .object()
                           .value("id")
                           .toString();
        QTRY_COMPARE_WITH_TIMEOUT(queue->command({"LLEN", events::kQueue}).integer, 5, 5000);

        QVERIFY(services({"pg-stop", pgDir}));
        WorkerProcess worker(url("espera"), redis.port());
        QTRY_VERIFY_WITH_TIMEOUT(
            http.get("/health").object()["batch"].toObject()["trabajadores_esperando"].toArray().contains(
                QJsonValue("postgresql")),
            10000);
        QTest::qWait(3000); // long past three quick retries
        QCOMPARE(queue->command({"LLEN", events::kFailedQueue}).integer, 0);
        QVERIFY(services({"pg-start", pgDir, QString::number(pgPort)}));

        QTRY_COMPARE_WITH_TIMEOUT(queue->command({"LLEN", events::kQueue}).integer, 0, 15000);
        QSqlDatabase db = QSqlDatabase::addDatabase("QPSQL", "espera-check");
        db.setHostName("127.0.0.1");
        db.setPort(pgPort);
        db.setUserName("tickets");
        db.setDatabaseName("espera");
        QVERIFY(db.open());
        auto notified = [&] {
            QSqlQuery q("SELECT count(DISTINCT ticket_id) FROM notificaciones", db);
            return q.next() ? q.value(0).toInt() : -1;
        };
        QTRY_COMPARE_WITH_TIMEOUT(notified(), 5, 15000);
        QCOMPARE(queue->command({"LLEN", events::kFailedQueue}).integer, 0);
        QTRY_VERIFY_WITH_TIMEOUT(
            http.get("/health").object()["batch"].toObject()["trabajadores_esperando"].toArray().isEmpty(), 5000);
        QVERIFY(worker.log().contains("waiting for postgresql"));
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase("espera-check");
    }

    void redisDownDegradesHealthOnly()
    {
        ServerProcess server;
        QVERIFY(server.start(url("resiliencia"), {{"REDIS_PORT", QString::number(freePort())}}));
        HttpClient http(server.url());
        const HttpReply health = http.get("/health");
        QCOMPARE(health.status, 200);
        QCOMPARE(health.object().value("status").toString(), QStringLiteral("degraded"));
        QCOMPARE(health.object().value("services").toObject().value("redis").toString(),
                 QStringLiteral("error: Connection refused"));
        QCOMPARE(health.object().value("services").toObject().value("database").toString(), QStringLiteral("ok"));
        QCOMPARE(http.get("/usuarios").status, 200);
        QCOMPARE(http.get("/health/ready").status, 200);
    }

    void instancesMigrateTogetherWithoutRacing()
    {
        QVERIFY(freshDatabase("migra"));

        QList<QProcess *> runs;
        for (int i = 0; i < 4; ++i) {
            auto *process = new QProcess(this);
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert("SUPABASE_DB_URL", url("migra"));
            process->setProcessEnvironment(env);
            process->setProcessChannelMode(QProcess::MergedChannels);
            process->start(TestEnvironment::serverBinary(), {"--migrate-only"});
            runs << process;
        }
        int applied = 0;
        for (QProcess *process : runs) {
            QVERIFY(process->waitForFinished(60000));
            const QByteArray output = process->readAll();
            QVERIFY2(process->exitCode() == 0, output);
            applied += output.count("tickets.migrations: applied ");
        }
        QStringList versions;
        for (const QString &file : QDir(qEnvironmentVariable("TICKETS_SOURCE_DIR") + "/database")
                                       .entryList({"*.sql"}, QDir::Files, QDir::Name))
            versions << file.chopped(4);
        QCOMPARE(applied, versions.size()); // each file once, by whichever instance got there first
        QSqlDatabase db = QSqlDatabase::addDatabase("QPSQL", "migra");
        db.setHostName("127.0.0.1");
        db.setPort(pgPort);
        db.setUserName("tickets");
        db.setDatabaseName("migra");
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec("SELECT string_agg(version, ',' ORDER BY version) FROM schema_migrations") && q.next());
        QCOMPARE(q.value(0).toString(), versions.join(u','));
        QVERIFY(q.exec("SELECT count(*) FROM tickets_resumen") && q.next());
        QCOMPARE(q.value(0).toInt(), 32); // 4 states x 4 priorities x assigned or not
        q.clear();
        db.close();
    }
};

QTEST_GUILESS_MAIN(TestResilience)
#include "tst_resilience.moc"
