// Presence (issue 15): staff WebSockets say which ticket they are viewing or writing on; every
// instance's staff clients hear it (canal:presencia, WebSocket and event stream), GET
// /tickets/{id}/presencia lists it from Redis, it expires (TICKETS_PRESENCE_TTL_S, 2 s here)
// and ends when the socket closes or its user is demoted. One user's sockets count as one. A
// usuario never sees it and cannot share it; malformed messages are ignored, floods and
// oversized messages closed, 20 tickets per socket at most; without Redis the list is 503.

#include "ApiFixture.h"
#include "LiveSocket.h"
#include "RawHttp.h"
#include "domain/Timestamp.h"
#include "events/Events.h"
#include "redis/RedisClient.h"

#include <QElapsedTimer>
#include <QJsonDocument>

using namespace tickets;
using namespace tickets::test;

namespace {
const QString kAdminEmail = QStringLiteral("admin@presencia.example");
const QString kAdminPassword = QStringLiteral("Adm1n-presencia-larga");
const QString kPassword = QStringLiteral("clave-de-presencia-2026");
const QMap<QString, QString> kEnvironment{{"AUTH_REQUIRED", "true"}, {"TICKETS_PRESENCE_TTL_S", "2"}};

QString accion(const QString &what, const QString &ticket)
{
    return QStringLiteral(R"({"accion": "%1", "ticket_id": "%2"})").arg(what, ticket);
}

// The presence events a client received about `ticket` (and `usuario`, when given), in order.
QList<events::Presencia> presences(const LiveSocket &socket, const QString &ticket, const QString &usuario = {})
{
    QList<events::Presencia> found;
    for (const QByteArray &payload : socket.messages()) {
        const auto presence = events::Presencia::fromJson(payload);
        if (presence && presence->ticketId == QUuid::fromString(ticket) &&
            (usuario.isEmpty() || presence->usuarioId == QUuid::fromString(usuario)))
            found << *presence;
    }
    return found;
}

QStringList estados(const LiveSocket &socket, const QString &ticket, const QString &usuario = {})
{
    QStringList list;
    for (const auto &presence : presences(socket, ticket, usuario))
        list << presence.estado;
    return list;
}

bool anyPresence(const LiveSocket &socket)
{
    return std::any_of(socket.messages().cbegin(), socket.messages().cend(),
                       [](const QByteArray &m) { return m.contains("presencia"); });
}
} // namespace

class TestPresencia : public QObject
{
    Q_OBJECT
    ApiFixture f{QStringLiteral("tst_presencia"), kEnvironment};
    ServerProcess second;
    // A third instance whose presences live 60 s: what ends there within seconds was ended, not
    // expired.
    ServerProcess patient;
    std::unique_ptr<HttpClient> viaSecond;
    QByteArray adminToken, soporteToken, usuarioToken;
    QString soporteId, usuarioId;

    QString newTicket(const QString &titulo) { return f.createTicket(usuarioId, titulo); }

    HttpReply presenciaOn(HttpClient &client, const QString &ticket, const QByteArray &token)
    {
        client.setToken(token);
        const HttpReply reply = client.get("/tickets/" + ticket + "/presencia");
        client.setToken(adminToken);
        return reply;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(f.start());
        adminToken = f.bootstrapAdmin(kAdminEmail, kAdminPassword);
        QVERIFY(!adminToken.isEmpty());
        soporteId = f.createUsuario("ana@presencia.example", "soporte", "Ana | Soporte", kPassword);
        usuarioId = f.createUsuario("ulises@presencia.example", "usuario", "Ulises", kPassword);
        QVERIFY(!soporteId.isEmpty() && !usuarioId.isEmpty());
        soporteToken = f.login("ana@presencia.example", kPassword);
        usuarioToken = f.login("ulises@presencia.example", kPassword);
        QVERIFY(!soporteToken.isEmpty() && !usuarioToken.isEmpty());
        // A second instance on the same PostgreSQL and Redis.
        QVERIFY(second.start(f.db().url(), kEnvironment));
        viaSecond = std::make_unique<HttpClient>(second.url());
        viaSecond->setToken(adminToken);
        QMap<QString, QString> environment = kEnvironment;
        environment.insert("TICKETS_PRESENCE_TTL_S", "60");
        QVERIFY(patient.start(f.db().url(), environment));
    }

    void presenceCrossesInstancesAndIsListed()
    {
        const QString ticket = newTicket("Dos agentes");
        LiveSocket agent(f.server().port(), soporteToken);
        LiveSocket watcher(second.port(), adminToken);
        LiveSocket owner(second.port(), usuarioToken);
        QVERIFY(agent.waitConnected() && watcher.waitConnected() && owner.waitConnected());

        agent.socket().sendTextMessage(accion("viendo", ticket));
        QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, ticket), QStringList{"viendo"}, 5000);
        // The agent's own client hears it too (one instance delivers what every one publishes).
        QTRY_COMPARE_WITH_TIMEOUT(estados(agent, ticket), QStringList{"viendo"}, 5000);
        const events::Presencia seen = presences(watcher, ticket).first();
        QCOMPARE(seen.usuarioId, QUuid::fromString(soporteId));
        QCOMPARE(seen.nombre, QStringLiteral("Ana | Soporte"));
        // The shape of every event: keys in order, json.dumps spacing, the same timestamps, no seq.
        QByteArray payload;
        for (const QByteArray &m : watcher.messagesAbout(ticket)) {
            if (m.contains("\"evento\": \"presencia\"") && payload.isEmpty())
                payload = m;
        }
        QCOMPARE(payload, seen.toJson());
        QVERIFY2(payload.startsWith("{\"evento\": \"presencia\", \"ticket_id\": "), payload.constData());
        QVERIFY(!payload.contains("seq"));
        QCOMPARE(formatTimestamp(parseTimestamp(seen.timestamp)), seen.timestamp);

        // Listed on the other instance, from Redis.
        HttpReply reply = viaSecond->get("/tickets/" + ticket + "/presencia");
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.array().size(), 1);
        const QJsonObject entry = reply.array().first().toObject();
        QCOMPARE(entry.value("usuario_id").toString(), soporteId);
        QCOMPARE(entry.value("nombre").toString(), QStringLiteral("Ana | Soporte"));
        QCOMPARE(entry.value("estado").toString(), QStringLiteral("viendo"));
        QVERIFY(parseTimestamp(entry.value("desde").toString()).isValid());

        // Repeating a state says nothing new; a change does.
        agent.socket().sendTextMessage(accion("viendo", ticket));
        agent.socket().sendTextMessage(accion("escribiendo", ticket));
        QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, ticket), QStringList({"viendo", "escribiendo"}), 5000);
        QCOMPARE(f.http().get("/tickets/" + ticket + "/presencia").array().first()["estado"].toString(),
                 QStringLiteral("escribiendo"));
        agent.socket().sendTextMessage(accion("fuera", ticket));
        QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, ticket), QStringList({"viendo", "escribiendo", "fuera"}), 5000);
        QCOMPARE(viaSecond->get("/tickets/" + ticket + "/presencia").array().size(), 0);

        // Ephemeral: never in the outbox (so never in GET /eventos), never to the usuario.
        QCOMPARE(f.db().scalar("SELECT count(*) FROM outbox WHERE payload::text LIKE '%presencia%'").toInt(), 0);
        QVERIFY(!anyPresence(owner));
        QCOMPARE(owner.state(), QAbstractSocket::ConnectedState);
    }

    void presenceExpiresWithFuera()
    {
        const QString ticket = newTicket("Se fue sin decirlo");
        LiveSocket agent(f.server().port(), soporteToken);
        LiveSocket watcher(second.port(), adminToken);
        QVERIFY(agent.waitConnected() && watcher.waitConnected());
        QElapsedTimer elapsed;
        elapsed.start();
        agent.socket().sendTextMessage(accion("viendo", ticket));
        QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, ticket), QStringList{"viendo"}, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, ticket), QStringList({"viendo", "fuera"}), 8000);
        QVERIFY2(elapsed.elapsed() >= 1900, qPrintable(QString::number(elapsed.elapsed()))); // not before the TTL
        QCOMPARE(viaSecond->get("/tickets/" + ticket + "/presencia").array().size(), 0);
        QCOMPARE(agent.state(), QAbstractSocket::ConnectedState); // expiry ends the presence, not the socket
    }

    void repeatingKeepsThePresenceAlive()
    {
        const QString ticket = newTicket("Sigue mirando");
        LiveSocket agent(f.server().port(), soporteToken);
        LiveSocket watcher(second.port(), adminToken);
        QVERIFY(agent.waitConnected() && watcher.waitConnected());
        for (int i = 0; i < 4; ++i) { // 4 s, twice the TTL, saying it every second
            agent.socket().sendTextMessage(accion("viendo", ticket));
            QTest::qWait(1000);
        }
        QCOMPARE(estados(watcher, ticket), QStringList{"viendo"});
        QCOMPARE(viaSecond->get("/tickets/" + ticket + "/presencia").array().size(), 1);
    }

    void disconnectEndsEveryPresenceOfTheSocket()
    {
        const QString one = newTicket("Cerró la ventana 1");
        const QString two = newTicket("Cerró la ventana 2");
        LiveSocket watcher(second.port(), adminToken);
        QVERIFY(watcher.waitConnected());
        {
            LiveSocket agent(patient.port(), soporteToken);
            QVERIFY(agent.waitConnected());
            agent.socket().sendTextMessage(accion("viendo", one));
            agent.socket().sendTextMessage(accion("escribiendo", two));
            QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, one), QStringList{"viendo"}, 5000);
            QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, two), QStringList{"escribiendo"}, 5000);
            agent.socket().close();
        }
        // Long before the 60 s expiry would say it.
        QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, one), QStringList({"viendo", "fuera"}), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, two), QStringList({"escribiendo", "fuera"}), 5000);
        QCOMPARE(viaSecond->get("/tickets/" + one + "/presencia").array().size(), 0);
    }

    // One user, two sockets (two instances): the most active state wins, fuera when the last leaves.
    void twoSocketsOfOneUserLeaveWhenTheLastDoes()
    {
        const QString ticket = newTicket("Dos pestañas");
        LiveSocket watcher(f.server().port(), adminToken);
        LiveSocket first(patient.port(), soporteToken);
        auto other = std::make_unique<LiveSocket>(patient.port(), soporteToken);
        QVERIFY(watcher.waitConnected() && first.waitConnected() && other->waitConnected());
        first.socket().sendTextMessage(accion("viendo", ticket));
        QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, ticket), QStringList{"viendo"}, 5000);
        other->socket().sendTextMessage(accion("escribiendo", ticket));
        QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, ticket), QStringList({"viendo", "escribiendo"}), 5000);
        // The first tab says viendo again: the user is still writing in the other.
        first.socket().sendTextMessage(accion("viendo", ticket));
        QTest::qWait(300);
        QCOMPARE(estados(watcher, ticket), QStringList({"viendo", "escribiendo"}));
        QCOMPARE(f.http().get("/tickets/" + ticket + "/presencia").array().size(), 1); // one row per user
        other->socket().close();                                                       // the writing tab closes
        QTRY_COMPARE(other->state(), QAbstractSocket::UnconnectedState);
        other.reset();
        QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, ticket), QStringList({"viendo", "escribiendo", "viendo"}), 5000);
        first.socket().sendTextMessage(accion("fuera", ticket));
        QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, ticket), QStringList({"viendo", "escribiendo", "viendo", "fuera"}),
                                  5000);
    }

    // A staff member demoted to usuario leaves every ticket at once, and hears no more presence.
    void aDemotedAgentLeaves()
    {
        const QString ticket = newTicket("Cambio de rol");
        const QString bertaId = f.createUsuario("berta@presencia.example", "soporte", "Berta", kPassword);
        const QByteArray berta = f.login("berta@presencia.example", kPassword);
        QVERIFY(!berta.isEmpty());
        LiveSocket agent(patient.port(), berta);
        LiveSocket watcher(second.port(), adminToken);
        QVERIFY(agent.waitConnected() && watcher.waitConnected());
        agent.socket().sendTextMessage(accion("escribiendo", ticket));
        QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, ticket, bertaId), QStringList{"escribiendo"}, 5000);
        QCOMPARE(f.http().patch("/usuarios/" + bertaId, QJsonObject{{"rol", "usuario"}}).status, 200);
        // Long before the 60 s expiry would say it.
        QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, ticket, bertaId), QStringList({"escribiendo", "fuera"}), 5000);
        const qsizetype heard = presences(agent, ticket).size();
        LiveSocket other(f.server().port(), soporteToken);
        QVERIFY(other.waitConnected());
        other.socket().sendTextMessage(accion("viendo", ticket));
        QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, ticket, soporteId), QStringList{"viendo"}, 5000);
        QTest::qWait(300);
        QCOMPARE(presences(agent, ticket).size(), heard);
        QCOMPARE(agent.state(), QAbstractSocket::ConnectedState);
    }

    void aUsuarioNeitherSeesNorSharesPresence()
    {
        const QString ticket = newTicket("El suyo");
        LiveSocket owner(f.server().port(), usuarioToken);
        LiveSocket watcher(second.port(), adminToken);
        LiveSocket agent(second.port(), soporteToken);
        QVERIFY(owner.waitConnected() && watcher.waitConnected() && agent.waitConnected());
        owner.socket().sendTextMessage(accion("viendo", ticket)); // their own ticket, still ignored
        agent.socket().sendTextMessage(accion("escribiendo", ticket));
        QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, ticket), QStringList{"escribiendo"}, 5000);
        QTest::qWait(300);
        QCOMPARE(estados(watcher, ticket, usuarioId), QStringList());
        QVERIFY(!anyPresence(owner));
        QCOMPARE(owner.state(), QAbstractSocket::ConnectedState);
        const HttpReply listed = viaSecond->get("/tickets/" + ticket + "/presencia");
        QCOMPARE(listed.array().size(), 1);
        QCOMPARE(listed.array().first()["usuario_id"].toString(), soporteId);
        // The route is staff-only, its id checked like every path id.
        QCOMPARE(presenciaOn(f.http(), ticket, usuarioToken).status, 403);
        QCOMPARE(presenciaOn(f.http(), ticket, soporteToken).status, 200);
        QCOMPARE(f.http().get("/tickets/no-es-un-uuid/presencia").status, 422);
        QCOMPARE(f.http().get("/tickets/" + QUuid::createUuid().toString(QUuid::WithoutBraces) + "/presencia").status,
                 404);
        HttpClient anonymous(f.server().url());
        QCOMPARE(anonymous.get("/tickets/" + ticket + "/presencia").status, 401);
    }

    void malformedMessagesAreIgnored()
    {
        const QString ticket = newTicket("Mensajes raros");
        LiveSocket agent(f.server().port(), soporteToken);
        LiveSocket watcher(second.port(), adminToken);
        QVERIFY(agent.waitConnected() && watcher.waitConnected());
        const QStringList junk{
            "no es json",
            accion("bailando", ticket),
            accion("viendo", "no-es-un-uuid"),
            accion("viendo", "00000000-0000-0000-0000-000000000000"),
            QStringLiteral(R"({"accion": "viendo"})"),
            QStringLiteral(R"({"accion": "viendo", "ticket_id": 7})"),
            QStringLiteral(R"(["viendo", "%1"])").arg(ticket),
            accion("fuera", ticket), // was not there
        };
        server::RedisSettings settings;
        settings.host = QStringLiteral("127.0.0.1");
        settings.port = TestEnvironment::redisPort();
        const auto redis = server::RedisClient::create(settings, 2000);
        for (qsizetype i = 0; i < junk.size(); ++i) {
            agent.socket().sendTextMessage(junk[i]);
            QTest::qWait(i < 4 ? 0 : 600); // within the rate limit
            if (i == 4) {
                // Nothing was written for them (the keys README's "Presence" documents), well
                // within the 2 s a presence would live.
                QCOMPARE(redis->command({"EXISTS", "presencia:ticket:00000000-0000-0000-0000-000000000000"}).integer,
                         0);
                QCOMPARE(redis->command({"EXISTS", "presencia:ticket:" + ticket.toLatin1()}).integer, 0);
            }
        }
        agent.socket().sendBinaryMessage(accion("viendo", ticket).toUtf8()); // binary: never read
        QTest::qWait(800);
        QVERIFY(presences(watcher, ticket).isEmpty());
        // Nor on any other ticket (the nil UUID, an id that is not one).
        for (const QByteArray &payload : watcher.messages()) {
            const auto presence = events::Presencia::fromJson(payload);
            QVERIFY2(!presence || presence->estado == events::presencia::fuera, payload.constData());
        }
        QCOMPARE(f.http().get("/tickets/" + ticket + "/presencia").array().size(), 0);
        QCOMPARE(agent.state(), QAbstractSocket::ConnectedState);
        // The socket still works.
        agent.socket().sendTextMessage(accion("viendo", ticket));
        QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, ticket), QStringList{"viendo"}, 5000);
    }

    void aFloodClosesThatSocketAlone()
    {
        const QString ticket = newTicket("Inundación");
        LiveSocket flooder(f.server().port(), soporteToken);
        LiveSocket bystander(f.server().port(), adminToken);
        LiveSocket agent(f.server().port(), soporteToken);
        QVERIFY(flooder.waitConnected() && bystander.waitConnected() && agent.waitConnected());
        for (int i = 0; i < 100; ++i)
            flooder.socket().sendTextMessage(accion(i % 2 ? "viendo" : "escribiendo", ticket));
        QTRY_COMPARE_WITH_TIMEOUT(flooder.state(), QAbstractSocket::UnconnectedState, 5000);
        QCOMPARE(flooder.socket().closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        // Its burst went through before the limit; once it is gone, so is its presence.
        QTRY_COMPARE_WITH_TIMEOUT(estados(bystander, ticket).value(estados(bystander, ticket).size() - 1),
                                  QStringLiteral("fuera"), 5000);
        // Of 100, the burst of 5 (and what refilled meanwhile) changed the state, then fuera.
        QVERIFY2(estados(bystander, ticket).size() <= 8, qPrintable(estados(bystander, ticket).join(u' ')));

        // A message over 1 KiB closes its sender too (1009).
        LiveSocket big(f.server().port(), soporteToken);
        QVERIFY(big.waitConnected());
        big.socket().sendTextMessage(accion("viendo", ticket) + QString(1100, u' '));
        QTRY_COMPARE_WITH_TIMEOUT(big.state(), QAbstractSocket::UnconnectedState, 5000);
        QCOMPARE(big.socket().closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);

        // The others carry on.
        QCOMPARE(bystander.state(), QAbstractSocket::ConnectedState);
        const qsizetype before = estados(bystander, ticket).size();
        agent.socket().sendTextMessage(accion("viendo", ticket));
        QTRY_COMPARE_WITH_TIMEOUT(estados(bystander, ticket).size(), before + 1, 5000);
        QCOMPARE(estados(bystander, ticket).last(), QStringLiteral("viendo"));
    }

    // Event streams: staff get `event: presencia` frames without an id (a browser's Last-Event-ID
    // stays the last seq); a usuario's stream never carries one.
    void eventStreamsOfStaffOnly()
    {
        const QString ticket = newTicket("Por SSE");
        const auto open = [&](const QByteArray &token) {
            auto stream = connectRaw(second.port());
            stream->write("GET /eventos/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n\r\n");
            return stream;
        };
        auto staff = open(adminToken);
        auto owner = open(usuarioToken);
        QByteArray staffBytes, ownerBytes;
        QTRY_VERIFY_WITH_TIMEOUT((staffBytes += staff->readAll()).contains(": conectado"), 5000);
        QTRY_VERIFY_WITH_TIMEOUT((ownerBytes += owner->readAll()).contains(": conectado"), 5000);
        LiveSocket agent(f.server().port(), soporteToken);
        QVERIFY(agent.waitConnected());
        agent.socket().sendTextMessage(accion("viendo", ticket));
        const QByteArray expected = "\"presencia\", \"ticket_id\": \"" + ticket.toLatin1();
        QTRY_VERIFY_WITH_TIMEOUT((staffBytes += staff->readAll()).contains(expected), 5000);
        QByteArray frame;
        for (const QByteArray &each : QByteArray(staffBytes).replace("\n\n", "\x01").split('\x01')) {
            if (each.contains("\"evento\": \"presencia\"") && each.contains(ticket.toLatin1()))
                frame = each;
        }
        QVERIFY2(frame.startsWith("event: presencia\ndata: {\"evento\": \"presencia\""), staffBytes.constData());
        QVERIFY2(!frame.contains("id: "), frame.constData());
        QTest::qWait(300);
        ownerBytes += owner->readAll();
        QVERIFY2(!ownerBytes.contains("presencia"), ownerBytes.constData());
    }

    // AUTH_REQUIRED=false: everyone may see presence, as everything; only a client whose token
    // names a user may share its own.
    void openModeShowsPresenceToAllButSharesOnlyNamedOnes()
    {
        const QString ticket = newTicket("Modo abierto");
        ServerProcess open;
        QMap<QString, QString> environment = kEnvironment;
        environment.insert("AUTH_REQUIRED", "false");
        QVERIFY(open.start(f.db().url(), environment));
        LiveSocket anonymous(open.port());
        LiveSocket watcher(f.server().port(), adminToken);
        QVERIFY(anonymous.waitConnected() && watcher.waitConnected());
        anonymous.socket().sendTextMessage(accion("viendo", ticket));
        QTest::qWait(500);
        QVERIFY(presences(watcher, ticket).isEmpty());
        LiveSocket agent(f.server().port(), soporteToken);
        QVERIFY(agent.waitConnected());
        agent.socket().sendTextMessage(accion("escribiendo", ticket));
        QTRY_COMPARE_WITH_TIMEOUT(estados(anonymous, ticket), QStringList{"escribiendo"}, 5000);
        HttpClient http(open.url());
        const HttpReply listed = http.get("/tickets/" + ticket + "/presencia");
        QCOMPARE(listed.status, 200);
        QCOMPARE(listed.array().size(), 1);
        QCOMPARE(listed.array().first()["usuario_id"].toString(), soporteId);
    }

    // One socket is present on 20 tickets at most; leaving one makes room. (On the 60 s
    // instance: at 2 a second, 20 tickets take longer than 2 s to fill.)
    void oneSocketIsOnTwentyTicketsAtMost()
    {
        const QString ticket = newTicket("El vigésimo primero");
        LiveSocket agent(patient.port(), soporteToken);
        LiveSocket watcher(second.port(), adminToken);
        QVERIFY(agent.waitConnected() && watcher.waitConnected());
        QStringList others;
        for (int i = 0; i < 20; ++i)
            others << QUuid::createUuid().toString(QUuid::WithoutBraces);
        auto say = [&, sent = 0](const QString &what, const QString &id) mutable {
            if (++sent > 4)
                QTest::qWait(520); // within the rate limit
            agent.socket().sendTextMessage(accion(what, id));
        };
        for (const QString &id : std::as_const(others))
            say("viendo", id);
        QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, others.last()), QStringList{"viendo"}, 5000);
        say("viendo", ticket);
        QTest::qWait(300);
        QVERIFY(presences(watcher, ticket).isEmpty());
        say("fuera", others.first());
        say("viendo", ticket);
        QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, ticket), QStringList{"viendo"}, 5000);
        QCOMPARE(estados(watcher, others.first()), QStringList({"viendo", "fuera"}));
        QCOMPARE(agent.state(), QAbstractSocket::ConnectedState);
        agent.socket().close(); // and its 20 presences end with it
        QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, others.last()), QStringList({"viendo", "fuera"}), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, ticket), QStringList({"viendo", "fuera"}), 5000);
    }

    // Presence lives only in Redis: without it the list is unavailable, never a 500 or a lie.
    void withoutRedisTheListIs503()
    {
        const QString ticket = newTicket("Sin Redis");
        ServerProcess noRedis;
        QMap<QString, QString> environment = kEnvironment;
        environment.insert("REDIS_HOST", "127.0.0.1");
        environment.insert("REDIS_PORT", QString::number(freePort()));
        QVERIFY(noRedis.start(f.db().url(), environment));
        HttpClient http(noRedis.url());
        http.setToken(adminToken);
        QCOMPARE(http.get("/tickets/" + ticket + "/presencia").status, 503);
        LiveSocket agent(noRedis.port(), soporteToken);
        QVERIFY(agent.waitConnected());
        agent.socket().sendTextMessage(accion("viendo", ticket));
        QTest::qWait(300);
        QCOMPARE(agent.state(), QAbstractSocket::ConnectedState);
    }

    // Last, as it stops the 60 s instance: a stopping instance ends its clients' presences
    // (SIGTERM) instead of leaving them listed until they expire.
    void aStoppingInstanceEndsItsPresences()
    {
        const QString ticket = newTicket("Reinicio");
        LiveSocket watcher(second.port(), adminToken);
        LiveSocket agent(patient.port(), soporteToken);
        QVERIFY(watcher.waitConnected() && agent.waitConnected());
        agent.socket().sendTextMessage(accion("viendo", ticket));
        QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, ticket), QStringList{"viendo"}, 5000);
        patient.stop();
        QTRY_COMPARE_WITH_TIMEOUT(estados(watcher, ticket), QStringList({"viendo", "fuera"}), 5000);
        QCOMPARE(viaSecond->get("/tickets/" + ticket + "/presencia").array().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPresencia)
#include "tst_presencia.moc"
