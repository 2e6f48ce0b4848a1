// Live events: WebSocket and server-sent-event clients get every event as published, resume
// after Last-Event-ID, and two server instances deliver to the clients of both.

#include "ApiFixture.h"
#include "LiveSocket.h"
#include "PrivateRedis.h"
#include "RawHttp.h"
#include "events/Events.h"
#include "redis/RedisClient.h"

#include <QDeadlineTimer>
#include <QWebSocket>

using namespace tickets;
using namespace tickets::test;

class TestLive : public QObject
{
    Q_OBJECT
    ApiFixture f{QStringLiteral("tst_live")};
    QString usuario;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(f.start());
        usuario = f.createUsuario("vivo@example.com", "soporte");
    }

    void webSocketClientsReceiveEveryEventAsPublished()
    {
        LiveSocket client(f.server().port());
        QVERIFY(client.waitConnected());
        QTRY_COMPARE(f.http().get("/health").object()["clientes_en_vivo"].toInt(), 1);
        const QString ticket = f.createTicket(usuario, "En vivo");
        QCOMPARE(
            f.http()
                .patch(QStringLiteral("/tickets/%1/estado?nuevo_estado=en_proceso&usuario_id=%2").arg(ticket, usuario))
                .status,
            200);
        QCOMPARE(f.http().post("/interacciones", QJsonObject{{"ticket_id", ticket}, {"contenido", "visto"}}).status,
                 200);
        QTRY_COMPARE_WITH_TIMEOUT(client.messagesAbout(ticket).size(), 3, 5000);
        const QList<QByteArray> received = client.messagesAbout(ticket);
        QStringList names;
        for (const QByteArray &payload : received) {
            const auto event = events::Event::fromJson(payload);
            names << event->evento;
            // Unchanged: exactly the outbox's bytes.
            QCOMPARE(
                f.db().scalar(QStringLiteral("SELECT payload FROM outbox WHERE id = %1").arg(event->seq)).toByteArray(),
                payload);
        }
        QCOMPARE(names, QStringList({"ticket_creado", "ticket_actualizado", "interaccion_creada"}));
        client.socket().close();
        QTRY_COMPARE(f.http().get("/health").object()["clientes_en_vivo"].toInt(), 0);
    }

    // A client refetches what an event names at once: it must never get the cached value from
    // before the change (the invalidation is delivered ahead of the event).
    void aClientThatRefetchesOnAnEventSeesTheChange()
    {
        LiveSocket client(f.server().port());
        QVERIFY(client.waitConnected());
        const QString ticket = f.createTicket(usuario, "Cacheado");
        const QStringList estados{"en_proceso", "resuelto", "abierto", "cerrado"};
        for (int round = 0; round < 12; ++round) {
            QCOMPARE(f.http().get("/tickets/" + ticket).status, 200); // fills ticket:{id}:completo
            const QString estado = estados[round % estados.size()];
            const qsizetype seen = client.messagesAbout(ticket).size();
            QCOMPARE(
                f.http()
                    .patch(
                        QStringLiteral("/tickets/%1/estado?nuevo_estado=%2&usuario_id=%3").arg(ticket, estado, usuario))
                    .status,
                200);
            QTRY_VERIFY_WITH_TIMEOUT(client.messagesAbout(ticket).size() > seen, 5000);
            QCOMPARE(f.http().get("/tickets/" + ticket).object()["estado"].toString(), estado);
        }
        // The relay delivers in id order: each change's invalidation comes before its event.
        const qint64 event =
            f.db()
                .scalar(QStringLiteral("SELECT max(id) FROM outbox WHERE destino = 'canal' AND payload "
                                       "LIKE '%%ticket_actualizado%%%1%%'")
                            .arg(ticket))
                .toLongLong();
        const qint64 invalidation = f.db()
                                        .scalar(QStringLiteral("SELECT max(id) FROM outbox WHERE destino = 'cache' AND "
                                                               "clave = 'ticket:%1:completo' AND id < %2")
                                                    .arg(ticket)
                                                    .arg(event))
                                        .toLongLong();
        QVERIFY(invalidation > 0);
        QCOMPARE(
            f.db()
                .scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE id > %1 AND id < %2 AND destino = 'canal'")
                            .arg(invalidation)
                            .arg(event))
                .toLongLong(),
            0);
    }

    void eventStreamDeliversAndResumes()
    {
        auto stream = connectRaw(f.server().port());
        stream->write("GET /eventos/stream HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\nOrigin: "
                      "http://localhost:3000\r\n\r\n");
        QByteArray received;
        QTRY_VERIFY((received += stream->readAll()).contains(": conectado"));
        QVERIFY(received.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(received.contains("Content-Type: text/event-stream"));
        QVERIFY(received.contains("Access-Control-Allow-Origin: http://localhost:3000"));

        const QString ticket = f.createTicket(usuario, "Por SSE");
        QTRY_VERIFY_WITH_TIMEOUT((received += stream->readAll()).contains(ticket.toLatin1()), 5000);
        const qsizetype at = received.indexOf("event: ticket_creado");
        QVERIFY(at > 0);
        const qint64 seq =
            received.mid(received.lastIndexOf("id: ", at) + 4, at - received.lastIndexOf("id: ", at) - 5).toLongLong();
        QVERIFY(seq > 0);
        const QByteArray payload =
            f.db().scalar(QStringLiteral("SELECT payload FROM outbox WHERE id = %1").arg(seq)).toByteArray();
        QVERIFY(received.contains(QByteArray("data: " + payload + "\n\n")));
        stream->close();

        // Missed while away: a reconnect with Last-Event-ID gets it replayed from the outbox.
        const qint64 before = f.db().scalar("SELECT max(id) FROM outbox").toLongLong();
        const QString missed = f.createTicket(usuario, "Mientras no estaba");
        auto again = connectRaw(f.server().port());
        again->write("GET /eventos/stream HTTP/1.1\r\nHost: x\r\nLast-Event-ID: " + QByteArray::number(before) +
                     "\r\n\r\n");
        QByteArray replay;
        QTRY_VERIFY_WITH_TIMEOUT((replay += again->readAll()).contains(missed.toLatin1()), 5000);
        QVERIFY(replay.contains("event: ticket_creado"));
    }

    void plainGetOfTheWebSocketPathAsksForAnUpgrade()
    {
        const HttpReply reply = f.http().get("/ws/eventos");
        QCOMPARE(reply.status, 426);
        QCOMPARE(reply.header("upgrade"), QByteArray("websocket"));
        QVERIFY(f.server().log().count("Socket notifiers cannot") == 0);
    }

    void twoInstancesDeliverToTheClientsOfBoth()
    {
        ServerProcess second;
        QVERIFY(second.start(f.db().url()));
        LiveSocket onFirst(f.server().port());
        LiveSocket onSecond(second.port());
        QVERIFY(onFirst.waitConnected() && onSecond.waitConnected());
        HttpClient viaSecond(second.url());
        const QString ticket =
            viaSecond
                .post("/tickets",
                      QJsonObject{{"usuario_id", usuario}, {"titulo", "Dos instancias"}, {"descripcion", "d"}})
                .object()["id"]
                .toString();
        QTRY_COMPARE_WITH_TIMEOUT(onFirst.messagesAbout(ticket).size(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(onSecond.messagesAbout(ticket).size(), 1, 5000);
        // Delivered once: both relays share the outbox, each row goes out one time.
        QTest::qWait(300);
        QCOMPARE(onFirst.messagesAbout(ticket).size(), 1);
    }

    // A reader that stops reading must not make the server buffer everything for it.
    void aClientThatDoesNotReadIsDropped()
    {
        PrivateRedis redis(QStringLiteral("live-redis"));
        QVERIFY(redis.isRunning());
        ServerProcess server;
        QVERIFY(server.start(f.db().url(), {{"REDIS_PORT", redis.portText()}}));
        LiveSocket reader(server.port());
        QVERIFY(reader.waitConnected());
        auto lazy = connectRaw(server.port());
        lazy->write("GET /eventos/stream HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray head;
        QTRY_VERIFY((head += lazy->readAll()).contains(": conectado"));
        lazy->setReadBufferSize(1024); // from now on it barely reads: the kernel buffers fill up
        QTRY_COMPARE(HttpClient(server.url()).get("/health").object()["clientes_en_vivo"].toInt(), 2);

        auto publisher = server::RedisClient::create(redis.settings());
        const QByteArray big =
            "{\"evento\": \"relleno\", \"texto\": \"" + QByteArray(256 * 1024, 'x') + "\", \"seq\": 0}";
        for (int i = 0; i < 80; ++i) { // 20 MB, far more than the socket buffers hold
            publisher->command({"PUBLISH", events::kChannel, big});
            QTest::qWait(10); // the WebSocket reader keeps reading meanwhile
        }
        QTRY_VERIFY_WITH_TIMEOUT(server.log().contains("dropping an event-stream client that does not read"), 15000);
        QTRY_COMPARE(HttpClient(server.url()).get("/health").object()["clientes_en_vivo"].toInt(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(reader.messagesAbout(QStringLiteral("relleno")).size(), 80,
                                  15000); // the reader got everything
    }

    // The hub's own subscription comes back after Redis restarts.
    void liveEventsResumeAfterARedisRestart()
    {
        PrivateRedis redis(QStringLiteral("live-restart"));
        QVERIFY(redis.isRunning());
        TestDatabase db(QStringLiteral("tst_live_restart"));
        ServerProcess server;
        QVERIFY(server.start(db.url(), {{"REDIS_PORT", redis.portText()}}));
        LiveSocket client(server.port());
        QVERIFY(client.waitConnected());
        HttpClient http(server.url());
        const QString owner = http.post("/usuarios", QJsonObject{{"email", "reinicio@example.com"}, {"nombre", "R"}})
                                  .object()["id"]
                                  .toString();

        QVERIFY(redis.stop());
        QVERIFY(redis.start());
        QTRY_VERIFY_WITH_TIMEOUT(server.log().count("live events: subscribed to canal:batch:eventos") >= 2, 10000);
        const QString ticket =
            http.post("/tickets",
                      QJsonObject{{"usuario_id", owner}, {"titulo", "Tras reiniciar"}, {"descripcion", "d"}})
                .object()["id"]
                .toString();
        QTRY_COMPARE_WITH_TIMEOUT(client.messagesAbout(ticket).size(), 1, 10000);
    }
};

QTEST_GUILESS_MAIN(TestLive)
#include "tst_live.moc"
