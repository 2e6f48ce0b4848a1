// tickets-worker against real Redis and PostgreSQL: notifications for new tickets, poison
// tasks, retries, tasks of a worker that died, several workers at once, a clean SIGTERM.

#include "ApiFixture.h"
#include "PrivateRedis.h"
#include "WorkerProcess.h"
#include "events/Events.h"
#include "redis/RedisClient.h"
#include "redis/ReliableQueue.h"

#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>

#include <csignal>

using namespace tickets;
using namespace tickets::server;
using namespace tickets::test;

namespace {
std::unique_ptr<PrivateRedis> g_redis; // the worker must not share the fixture's queue with other suites

} // namespace

class TestWorker : public QObject
{
    Q_OBJECT
    std::unique_ptr<ApiFixture> f;
    std::unique_ptr<RedisClient> redis;
    QString cliente;
    QString soporte;
    QString admin;

    int notifications(const QString &ticket)
    {
        return f->db()
            .scalar(QStringLiteral("SELECT count(*) FROM notificaciones WHERE ticket_id = '%1'").arg(ticket))
            .toInt();
    }
    qint64 llen(const char *list) { return redis->command({"LLEN", list}).integer; }

private Q_SLOTS:
    void initTestCase()
    {
        g_redis = std::make_unique<PrivateRedis>(QStringLiteral("worker-redis"));
        QVERIFY(g_redis->isRunning());
        redis = RedisClient::create(g_redis->settings());
        redis->command({"FLUSHALL"});
        f = std::make_unique<ApiFixture>(QStringLiteral("tst_worker"),
                                         QMap<QString, QString>{{"REDIS_PORT", g_redis->portText()}});
        QVERIFY(f->start());
        cliente = f->createUsuario("cliente@example.com", "usuario");
        soporte = f->createUsuario("agente@example.com", "soporte");
        admin = f->createUsuario("jefa@example.com", "admin");
        const QString baja = f->createUsuario("baja@example.com", "soporte");
        QCOMPARE(f->http().del("/usuarios/" + baja).status, 200);
    }
    void cleanupTestCase()
    {
        f.reset();
        g_redis.reset();
    }

    void newTicketNotifiesActiveStaff()
    {
        WorkerProcess worker(f->db().url(), g_redis->port());
        const QString ticket = f->createTicket(cliente, "La impresora se atasca");
        QTRY_COMPARE_WITH_TIMEOUT(notifications(ticket), 2, 10000); // soporte + admin, not the inactive one
        QCOMPARE(llen(events::kQueue), 0);
        QTRY_COMPARE(redis->command({"LLEN", ReliableQueue::kProcessingPrefix + QByteArray("x")}).integer, 0);

        HttpReply reply = f->http().get("/notificaciones?usuario_id=" + soporte);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.array().size(), 1);
        const QJsonObject n = reply.array()[0].toObject();
        QCOMPARE(n["ticket_id"].toString(), ticket);
        QCOMPARE(n["mensaje"].toString(), QStringLiteral("Nuevo ticket: La impresora se atasca"));
        QCOMPARE(n["leida"].toBool(), false);
        // Announced live, through the outbox.
        QTRY_COMPARE(
            f->db()
                .scalar(
                    QStringLiteral(
                        "SELECT count(*) FROM outbox WHERE payload LIKE '{\"evento\": \"notificacion_creada\"%%%1%%'")
                        .arg(ticket))
                .toInt(),
            2);

        reply = f->http().patch(QStringLiteral("/notificaciones/%1/leida").arg(n["id"].toInteger()));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.object()["leida"].toBool(), true);
        QCOMPARE(f->http().get("/notificaciones?solo_no_leidas=true&usuario_id=" + soporte).array().size(), 0);
        QCOMPARE(f->http().get("/notificaciones?usuario_id=" + soporte).header("x-total-count"), QByteArray("1"));
        QCOMPARE(f->http().patch("/notificaciones/999999/leida").status, 404);
        QCOMPARE(f->http().patch("/notificaciones/abc/leida").status, 422);
        QCOMPARE(f->http().get("/notificaciones").status, 422);
        QCOMPARE(worker.terminate(), 0); // SIGTERM: a clean stop
    }

    void poisonTasksGoToTheFailedListAtOnce()
    {
        WorkerProcess worker(f->db().url(), g_redis->port());
        redis->command({"DEL", events::kFailedQueue});
        redis->command({"RPUSH", events::kQueue, "esto no es json"});
        redis->command({"RPUSH", events::kQueue, R"({"tipo": "borrar_todo", "ticket_id": "x"})"});
        QTRY_COMPARE_WITH_TIMEOUT(llen(events::kFailedQueue), 2, 10000);
        const QJsonObject first =
            QJsonDocument::fromJson(redis->command({"LINDEX", events::kFailedQueue, "0"}).string).object();
        QCOMPARE(first["tarea"].toString(), QStringLiteral("esto no es json"));
        QVERIFY(first["error"].toString().contains("mal formada"));
        QCOMPARE(first["intentos"].toInt(), 1);
        const QJsonObject second =
            QJsonDocument::fromJson(redis->command({"LINDEX", events::kFailedQueue, "1"}).string).object();
        QVERIFY(second["error"].toString().contains("borrar_todo"));
        // Still alive and working.
        const QString ticket = f->createTicket(cliente, "Después del veneno");
        QTRY_COMPARE_WITH_TIMEOUT(notifications(ticket), 2, 10000);
        // The admins' panel sees it all.
        const QJsonObject batch = f->http().get("/health").object()["batch"].toObject();
        QCOMPARE(batch["cola_fallidas"].toInteger(), 2);
        QCOMPARE(batch["cola_pendientes"].toInteger(), 0);
        QVERIFY(batch["trabajadores_activos"].toInt() >= 1);
        QVERIFY(batch["ultimo_latido"].toString().endsWith("Z"));
        QVERIFY(batch.contains("outbox_pendiente"));
    }

    void aTaskThatKeepsFailingIsRetriedThreeTimes()
    {
        WorkerProcess worker(f->db().url(), g_redis->port());
        redis->command({"DEL", events::kFailedQueue});
        const QByteArray task = events::ticketCreadoTask(QUuid::createUuid()).toJson(); // no such ticket
        redis->command({"RPUSH", events::kQueue, task});
        QTRY_COMPARE_WITH_TIMEOUT(llen(events::kFailedQueue), 1, 15000);
        const QJsonObject failed =
            QJsonDocument::fromJson(redis->command({"LINDEX", events::kFailedQueue, "0"}).string).object();
        QCOMPARE(failed["tarea"].toString().toUtf8(), task);
        QCOMPARE(failed["intentos"].toInt(), 3);
        QVERIFY(failed["error"].toString().contains("Ticket no encontrado"));
        QCOMPARE(llen(events::kQueue), 0);
    }

    void tasksOfAWorkerThatDiedAreTakenBack()
    {
        WorkerProcess killed(f->db().url(), g_redis->port());
        QTRY_VERIFY(killed.log().contains("consuming"));
        const QByteArray id = QRegularExpression(QStringLiteral("worker (\\S+) consuming"))
                                  .match(QString::fromUtf8(killed.log()))
                                  .captured(1)
                                  .toUtf8();
        QVERIFY(!id.isEmpty());
        killed.kill(); // SIGKILL: no clean-up at all
        // The task it had just taken when it died sits in its processing list.
        const QString ticket = f->createTicket(cliente, "Huérfano");
        QTRY_COMPARE(llen(events::kQueue), 1);
        redis->command({"LMOVE", events::kQueue, ReliableQueue::kProcessingPrefix + id, "LEFT", "RIGHT"});
        QCOMPARE(notifications(ticket), 0);
        QTest::qWait(2500); // its heartbeat goes stale (TICKETS_WORKER_STALE_S=2)

        WorkerProcess worker(f->db().url(), g_redis->port());
        QTRY_COMPARE_WITH_TIMEOUT(notifications(ticket), 2, 10000);
        QCOMPARE(redis->command({"LLEN", ReliableQueue::kProcessingPrefix + id}).integer, 0);
        QTRY_VERIFY(worker.log().contains("took back 1 tasks"));
    }

    // A worker that dies while others run: they take its tasks back once its heartbeat goes
    // stale, without anyone restarting.
    void aRunningWorkerTakesBackTheTasksOfOneThatDies()
    {
        WorkerProcess survivor(f->db().url(), g_redis->port());
        WorkerProcess killed(f->db().url(), g_redis->port());
        QTRY_VERIFY(killed.log().contains("consuming") && survivor.log().contains("consuming"));
        const QByteArray id = QRegularExpression(QStringLiteral("worker (\\S+) consuming"))
                                  .match(QString::fromUtf8(killed.log()))
                                  .captured(1)
                                  .toUtf8();
        QVERIFY(!id.isEmpty());
        killed.kill();
        // What it had just taken when it died: put straight into its processing list.
        const QByteArray task =
            events::ticketCreadoTask(QUuid::fromString(f->createTicket(cliente, "Huérfano en marcha"))).toJson();
        const QString ticket =
            QString::fromUtf8(events::Task::fromJson(task)->ticketId.toByteArray(QUuid::WithoutBraces));
        QTRY_COMPARE_WITH_TIMEOUT(notifications(ticket), 2, 10000); // the survivor did the real one
        f->db().scalar(QStringLiteral("DELETE FROM notificaciones WHERE ticket_id = '%1' RETURNING 1").arg(ticket));
        redis->command({"RPUSH", ReliableQueue::kProcessingPrefix + id, task});
        QTRY_COMPARE_WITH_TIMEOUT(notifications(ticket), 2, 10000);
        QTRY_COMPARE(redis->command({"LLEN", ReliableQueue::kProcessingPrefix + id}).integer, 0);
        QTRY_VERIFY(survivor.log().contains("took back 1 tasks"));
    }

    void severalWorkersNeverDoATaskTwice()
    {
        WorkerProcess a(f->db().url(), g_redis->port());
        WorkerProcess b(f->db().url(), g_redis->port());
        QStringList created;
        for (int i = 0; i < 40; ++i)
            created << f->createTicket(cliente, QStringLiteral("Carga %1").arg(i));
        for (const QString &ticket : created)
            QTRY_COMPARE_WITH_TIMEOUT(notifications(ticket), 2, 15000);
        QCOMPARE(a.terminate(), 0);
        QCOMPARE(b.terminate(), 0);
        const int done = a.log().count("done:") + b.log().count("done:");
        QCOMPARE(done, 40);
        QVERIFY(a.log().count("done:") > 0 && b.log().count("done:") > 0);
    }
};

QTEST_GUILESS_MAIN(TestWorker)
#include "tst_worker.moc"
