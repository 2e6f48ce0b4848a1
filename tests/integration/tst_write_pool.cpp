// The write pool: requests that change something run on threads of their own, so a write
// waiting for PostgreSQL holds no event loop, and more writes than pool threads all get done.

#include "ApiFixture.h"

#include <QSqlQuery>
#include <QThread>

#include <atomic>

using namespace tickets::test;

class TestWritePool : public QObject
{
    Q_OBJECT
    // One event-loop thread: without the pool, a write blocked on a lock would stall every
    // request this server reads.
    ApiFixture f{
        QStringLiteral("write_pool"),
        {{"TICKETS_HTTP_THREADS", "1"}, {"TICKETS_WRITE_THREADS", "2"}, {"TICKETS_DB_LOCK_TIMEOUT_MS", "20000"}}};
    QString ana;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(f.start());
        ana = f.createUsuario("ana@pool.example", "soporte", "Ana");
        QVERIFY(!ana.isEmpty());
    }

    void aWriteWaitingForALockLeavesReadsAnswered()
    {
        const QString id = f.createTicket(ana, "Bloqueado por otra transacción");
        QSqlDatabase holder = f.db().connection();
        QVERIFY(holder.transaction());
        QSqlQuery lock(holder);
        QVERIFY(lock.exec(QStringLiteral("SELECT 1 FROM tickets WHERE id = '%1' FOR UPDATE").arg(id)));

        std::atomic<int> patchStatus{0};
        QThread *writer = QThread::create([&] {
            HttpClient client(f.server().url());
            patchStatus =
                client.patch(QStringLiteral("/tickets/%1/estado?nuevo_estado=en_proceso&usuario_id=%2").arg(id, ana))
                    .status;
        });
        writer->start();
        // The state change waits for the row lock on a pool thread...
        QTRY_VERIFY_WITH_TIMEOUT(f.db().scalar("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                               "AND datname = current_database()")
                                         .toInt() == 1,
                                 10000);
        // ...while the one event loop goes on answering reads and other writes.
        for (int i = 0; i < 5; ++i) {
            const HttpReply reply = f.http().get("/tickets/" + id);
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.object().value("estado").toString(), QStringLiteral("abierto"));
        }
        QVERIFY(!f.createTicket(ana, "Escrito mientras otro espera").isEmpty());
        QCOMPARE(patchStatus.load(), 0);

        QVERIFY(holder.commit());
        QVERIFY(writer->wait(30000));
        delete writer;
        QCOMPARE(patchStatus.load(), 200);
        QCOMPARE(f.http().get("/tickets/" + id).object().value("estado").toString(), QStringLiteral("en_proceso"));
    }

    void moreWritesThanPoolThreadsAllGetDone()
    {
        constexpr int kClients = 12;
        constexpr int kEach = 5;
        QList<QThread *> threads;
        QList<int> statuses(kClients * kEach, 0);
        for (int t = 0; t < kClients; ++t) {
            threads << QThread::create([&, t] {
                HttpClient client(f.server().url());
                for (int n = 0; n < kEach; ++n) {
                    statuses[t * kEach + n] =
                        client
                            .post("/tickets", QJsonObject{{"usuario_id", ana},
                                                          {"titulo", QStringLiteral("Carga %1").arg(t)},
                                                          {"descripcion", "en paralelo"}})
                            .status;
                }
            });
            threads.last()->start();
        }
        for (QThread *thread : threads) {
            QVERIFY(thread->wait(60000));
            delete thread;
        }
        QCOMPARE(statuses, QList<int>(kClients * kEach, 200));
        QCOMPARE(f.db().scalar("SELECT count(*) FROM tickets WHERE titulo LIKE 'Carga %'").toInt(), kClients * kEach);
        // The access log says where each write ran and what it cost.
        QVERIFY(f.server().log().contains("POST /tickets 200 sql=1 pool"));
    }
};

QTEST_GUILESS_MAIN(TestWritePool)
#include "tst_write_pool.moc"
