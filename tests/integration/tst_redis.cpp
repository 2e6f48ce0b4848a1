// Redis: the cache's keys and TTLs, invalidation, the queue task and events byte for byte,
// catch-up from the outbox, and nothing lost while Redis is down.

#include "ApiFixture.h"
#include "PrivateRedis.h"
#include "events/Events.h"
#include "redis/RedisClient.h"
#include "redis/ResponseCache.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>

using namespace tickets;
using namespace tickets::server;
using namespace tickets::test;

namespace {
// A subscriber to canal:batch:eventos (redis-cli in raw mode: one line per reply element).
class Subscriber
{
public:
    explicit Subscriber(int port)
    {
        m_process.start(QStringLiteral("redis-cli"),
                        {"-p", QString::number(port), "--raw", "SUBSCRIBE", events::kChannel});
        // Subscribed once redis-cli has printed the confirmation ("subscribe", channel, 1).
        QDeadlineTimer deadline(5000);
        while (!m_output.contains("\n1\n") && !deadline.hasExpired()) {
            m_process.waitForReadyRead(50);
            m_output += m_process.readAll();
        }
    }
    ~Subscriber()
    {
        m_process.kill();
        m_process.waitForFinished();
    }
    // The message payloads received so far; other suites share this Redis, so a test keeps
    // only the messages that mention one of its own ids.
    QList<QByteArray> messages(const QStringList &mentioning = {})
    {
        m_process.waitForReadyRead(50);
        m_output += m_process.readAll();
        QList<QByteArray> payloads;
        const QList<QByteArray> lines = m_output.split('\n');
        for (qsizetype i = 0; i + 2 < lines.size(); ++i) {
            if (lines[i] != "message" || lines[i + 1] != events::kChannel)
                continue;
            bool mine = mentioning.isEmpty();
            for (const QString &id : mentioning)
                mine = mine || lines[i + 2].contains(id.toLatin1());
            if (mine)
                payloads << lines[i + 2];
        }
        return payloads;
    }

private:
    QProcess m_process;
    QByteArray m_output;
};
} // namespace

class TestRedis : public QObject
{
    Q_OBJECT
    ApiFixture f{QStringLiteral("tst_redis")};
    std::unique_ptr<RedisClient> redis = RedisClient::create(PrivateRedis::settingsFor(TestEnvironment::redisPort()));
    QString usuario;

    QByteArray get(const QByteArray &key) { return redis->command({"GET", key}).string; }
    qint64 ttl(const QByteArray &key) { return redis->command({"TTL", key}).integer; }
    bool exists(const QByteArray &key) { return redis->command({"EXISTS", key}).integer == 1; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(f.start());
        usuario = f.createUsuario("cache@example.com", "soporte");
    }

    void getsFillTheCacheWithTheResponse()
    {
        const HttpReply user = f.http().get("/usuarios/" + usuario);
        const QByteArray userKey = "usuario:" + usuario.toLatin1() + ":datos";
        QCOMPARE(get(userKey), user.body);
        QVERIFY(ttl(userKey) > 3590 && ttl(userKey) <= 3600);

        const QString ticket = f.createTicket(usuario, "Cacheado");
        const HttpReply first = f.http().get("/tickets/" + ticket);
        const QByteArray ticketKey = "ticket:" + ticket.toLatin1() + ":completo";
        QCOMPARE(get(ticketKey), first.body);
        QVERIFY(ttl(ticketKey) > 890 && ttl(ticketKey) <= 900);
        // Served from the cache: change the row behind its back and the cached answer stays.
        QSqlQuery(f.db().connection())
            .exec(QStringLiteral("UPDATE tickets SET titulo = 'cambiado a mano' WHERE id = '%1'").arg(ticket));
        QCOMPARE(f.http().get("/tickets/" + ticket).body, first.body);
    }

    void writesInvalidateSoTheNextGetIsFresh()
    {
        const QString ticket = f.createTicket(usuario, "Invalidado");
        f.http().get("/tickets/" + ticket);
        QCOMPARE(
            f.http()
                .patch(QStringLiteral("/tickets/%1/estado?nuevo_estado=resuelto&usuario_id=%2").arg(ticket, usuario))
                .status,
            200);
        QCOMPARE(f.http().get("/tickets/" + ticket).object().value("estado").toString(), QStringLiteral("resuelto"));

        const QString before = f.http().get("/tickets/" + ticket).object().value("fecha_actualizacion").toString();
        QCOMPARE(f.http().post("/interacciones", QJsonObject{{"ticket_id", ticket}, {"contenido", "hola"}}).status,
                 200);
        QVERIFY(f.http().get("/tickets/" + ticket).object().value("fecha_actualizacion").toString() > before);

        f.http().get("/usuarios/" + usuario);
        QCOMPARE(f.http().patch("/usuarios/" + usuario, QJsonObject{{"nombre", "Nombre nuevo"}}).status, 200);
        QCOMPARE(f.http().get("/usuarios/" + usuario).object().value("nombre").toString(),
                 QStringLiteral("Nombre nuevo"));
        QCOMPARE(f.http().del("/usuarios/" + usuario).status, 200);
        QCOMPARE(f.http().get("/usuarios/" + usuario).object().value("activo").toBool(), false);
        QCOMPARE(f.http().patch("/usuarios/" + usuario, QJsonObject{{"activo", true}}).status, 200);
    }

    void corruptValueIsAMissAndIsOverwritten()
    {
        const QString ticket = f.createTicket(usuario, "Corrupto");
        const QByteArray key = "ticket:" + ticket.toLatin1() + ":completo";
        redis->command({"SET", key, "{not json"});
        const HttpReply reply = f.http().get("/tickets/" + ticket);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.object().value("titulo").toString(), QStringLiteral("Corrupto"));
        QCOMPARE(get(key), reply.body);
    }

    // The race a plain delete-on-write loses: a reader fetched the old row, the write commits
    // and invalidates, then the reader stores what it fetched. The version guard refuses it.
    void aReadRacingAWriteCannotStoreTheOldValue()
    {
        ResponseCache cache(*redis, [](const QByteArray &) {});
        const CacheKey key = CacheKey::ticket(QUuid::createUuid());
        const ResponseCache::Lookup before = cache.lookup(key); // the reader misses...
        cache.invalidate(key);                                  // ...a write commits...
        cache.store(key, before, R"({"estado":"viejo"})");      // ...the reader stores its old row
        QVERIFY(!exists(key.key));
        const ResponseCache::Lookup after = cache.lookup(key);
        cache.store(key, after, R"({"estado":"nuevo"})");
        QCOMPARE(get(key.key), QByteArray(R"({"estado":"nuevo"})"));
    }

    void taskAndEventsByteForByte()
    {
        Subscriber subscriber(TestEnvironment::redisPort());
        const QString ticket = f.createTicket(usuario, "Formato");
        QByteArray task;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const RedisReply &item : redis->command({"LRANGE", events::kQueue, "0", "-1"}).elements) {
                    if (item.string.contains(ticket.toLatin1()))
                        task = item.string;
                }
                return !task.isEmpty();
            }(),
            5000);
        QVERIFY2(QRegularExpression(
                     QStringLiteral("^\\{\"tipo\": \"notificar_ticket_creado\", \"ticket_id\": \"%1\", "
                                    "\"timestamp\": \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\"\\}$")
                         .arg(ticket))
                     .match(QString::fromUtf8(task))
                     .hasMatch(),
                 task);

        QList<QByteArray> received;
        QTRY_VERIFY((received = subscriber.messages({ticket})).size() >= 1);
        const auto event = events::Event::fromJson(received.last());
        QVERIFY(event);
        QCOMPARE(event->evento, QStringLiteral("ticket_creado"));
        QCOMPARE(event->field("ticket_id").toString(), ticket);
        QVERIFY2(received.last().startsWith(QByteArray("{\"evento\": \"ticket_creado\", \"ticket_id\": \"" +
                                                       ticket.toLatin1() + "\", \"timestamp\": \"")),
                 received.last());
        // Exactly what the outbox holds, and seq is the outbox id.
        QCOMPARE(
            f.db().scalar(QStringLiteral("SELECT payload FROM outbox WHERE id = %1").arg(event->seq)).toByteArray(),
            received.last());
    }

    void everyWritePublishesItsEventInOrder()
    {
        Subscriber subscriber(TestEnvironment::redisPort());
        const qint64 since = f.db().scalar("SELECT COALESCE(max(id), 0) FROM outbox").toLongLong();
        const QString otro = f.createUsuario("eventos@example.com");
        const QString ticket = f.createTicket(otro, "Eventos");
        f.http().patch(QStringLiteral("/tickets/%1/estado?nuevo_estado=en_proceso&usuario_id=%2").arg(ticket, otro));
        const QJsonObject comment =
            f.http()
                .post("/interacciones",
                      QJsonObject{{"ticket_id", ticket}, {"tipo", "nota_interna"}, {"contenido", "nota"}})
                .object();
        f.http().patch("/usuarios/" + otro, QJsonObject{{"rol", "admin"}});

        const QStringList expected{"usuario_creado", "ticket_creado", "ticket_actualizado", "interaccion_creada",
                                   "usuario_actualizado"};
        QList<QByteArray> received;
        QTRY_COMPARE((received = subscriber.messages({otro, ticket})).size(), expected.size());
        QStringList names;
        qint64 lastSeq = since;
        for (const QByteArray &payload : received) {
            const auto event = events::Event::fromJson(payload);
            names << event->evento;
            QVERIFY(event->seq > lastSeq);
            lastSeq = event->seq;
        }
        QCOMPARE(names, expected);
        const auto actualizado = events::Event::fromJson(received[2]);
        QCOMPARE(actualizado->field("estado").toString(), QStringLiteral("en_proceso"));
        const auto interaccion = events::Event::fromJson(received[3]);
        QCOMPARE(interaccion->field("interaccion_id").toInteger(), comment.value("id").toInteger());
        QCOMPARE(interaccion->field("tipo").toString(), QStringLiteral("nota_interna"));

        // A client that missed them catches up from the outbox, byte for byte.
        const HttpReply catchUp = f.http().get(QStringLiteral("/eventos?since=%1").arg(since));
        QCOMPARE(catchUp.status, 200);
        QCOMPARE(catchUp.body, QByteArray("[" + received.join(',') + "]"));
        QCOMPARE(f.http().get(QStringLiteral("/eventos?since=%1&limit=2").arg(since)).array().size(), 2);
        QCOMPARE(f.http().get("/eventos?since=-1").status, 422);
    }

    void nothingIsLostWhileRedisIsDown()
    {
        PrivateRedis privateRedis(QStringLiteral("redis-down"));
        QVERIFY(privateRedis.isRunning());
        const int port = privateRedis.port();
        // A database of its own: another server's relay (with a working Redis) must not deliver for it.
        TestDatabase db(QStringLiteral("tst_redis_down"));
        ServerProcess server;
        // Only commits wake the relay here, so what is delivered when is up to the test.
        QVERIFY(server.start(db.url(), {{"REDIS_PORT", QString::number(port)}, {"TICKETS_OUTBOX_POLL_MS", "600000"}}));
        HttpClient http(server.url());
        const QString owner = http.post("/usuarios", QJsonObject{{"email", "caida@example.com"}, {"nombre", "C"}})
                                  .object()["id"]
                                  .toString();
        QTRY_COMPARE(db.scalar("SELECT count(*) FROM outbox WHERE entregado IS NULL").toInt(), 0);
        const qint64 before = db.scalar("SELECT COALESCE(max(id), 0) FROM outbox").toLongLong();

        QVERIFY(privateRedis.stop());
        QStringList created;
        for (int i = 0; i < 3; ++i) {
            const HttpReply reply = http.post("/tickets", QJsonObject{{"usuario_id", owner},
                                                                      {"titulo", QStringLiteral("Sin Redis %1").arg(i)},
                                                                      {"descripcion", "d"}});
            QCOMPARE(reply.status, 200);
            created << reply.object()["id"].toString();
            QCOMPARE(http.get("/tickets/" + created.last()).status, 200);
            QCOMPARE(http.patch(QStringLiteral("/tickets/%1/estado?nuevo_estado=cerrado&usuario_id=%2")
                                    .arg(created.last(), owner))
                         .status,
                     200);
        }
        const HttpReply health = http.get("/health");
        QCOMPARE(health.object()["status"].toString(), QStringLiteral("degraded"));
        QVERIFY(health.object()["services"].toObject()["redis"].toString().startsWith("error: "));
        QVERIFY(db.scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE entregado IS NULL AND id > %1").arg(before))
                    .toInt() >= 9);

        QVERIFY(privateRedis.start());
        Subscriber subscriber(port);
        auto queue = RedisClient::create(PrivateRedis::settingsFor(port));
        // The next commit wakes the relay, which delivers everything pending, in order.
        QCOMPARE(
            http.post("/tickets", QJsonObject{{"usuario_id", owner}, {"titulo", "De vuelta"}, {"descripcion", "d"}})
                .status,
            200);

        QStringList expected;
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(
            QStringLiteral("SELECT payload FROM outbox WHERE destino = 'canal' AND id > %1 ORDER BY id").arg(before)));
        while (q.next())
            expected << q.value(0).toString();
        QCOMPARE(expected.size(), 7); // 3 created + 3 changed + 1 after the restart
        QList<QByteArray> received;
        QTRY_COMPARE_WITH_TIMEOUT((received = subscriber.messages()).size(), expected.size(), 10000);
        for (qsizetype i = 0; i < expected.size(); ++i)
            QCOMPARE(QString::fromUtf8(received[i]), expected[i]);
        const RedisReply tasks = queue->command({"LRANGE", events::kQueue, "0", "-1"});
        QCOMPARE(tasks.elements.size(), 4);
        for (int i = 0; i < 3; ++i)
            QVERIFY(tasks.elements[i].string.contains(created[i].toLatin1()));
        QCOMPARE(
            db.scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE entregado IS NULL AND id > %1").arg(before))
                .toInt(),
            0);
        QTRY_COMPARE(http.get("/health").object()["status"].toString(), QStringLiteral("ok"));
        server.stop();
    }
};

QTEST_GUILESS_MAIN(TestRedis)
#include "tst_redis.moc"
