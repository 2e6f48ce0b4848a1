// Issue 11, the authentication and API side, proven against a real server: the nil UUID in
// every id field, credentials in open mode, Redis entries that are not trusted, logins off the
// event loops, single-use WebSocket tickets, and the lower items (comment types, /health
// texts, the absolute session cap, admins' notifications).

#include "ApiFixture.h"
#include "RawHttp.h"
#include "redis/RedisClient.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QWebSocket>

using namespace tickets;
using namespace tickets::test;
using Headers = QList<QPair<QByteArray, QByteArray>>;

namespace {
const QString kNil = QStringLiteral("00000000-0000-0000-0000-000000000000");
const QString kAdminEmail = QStringLiteral("admin@hardening.example");
const QString kAdminPassword = QStringLiteral("Adm1n-contraseña-larga");
const QString kSoportePassword = QStringLiteral("soporte-clave-2026");
const QString kUsuarioPassword = QStringLiteral("usuario-clave-2026");

// The throttle's keys, as server/auth/LoginThrottle names them.
struct LoginKeys
{
    static QByteArray pair(const QByteArray &address, const QString &email)
    {
        return QByteArray("login:fallos:") + address + ':' + email.toLower().toUtf8();
    }
};
} // namespace

class TestAuthHardening : public QObject
{
    Q_OBJECT
    ApiFixture f{QStringLiteral("tst_auth_hardening"),
                 {{"AUTH_REQUIRED", "true"}, {"TICKETS_ACCESS_LOG", "true"}, {"TICKETS_TRUST_PROXY", "true"}}};
    QByteArray adminToken, soporteToken, usuarioToken;
    QString adminId, soporteId, usuarioId, ticketId;

    HttpReply call(const QByteArray &method, const QString &path, const QByteArray &token,
                   const QJsonValue &body = QJsonValue::Undefined, Headers headers = {}, HttpClient *client = nullptr)
    {
        if (!token.isEmpty())
            headers.append(qMakePair(QByteArray("Authorization"), "Bearer " + token));
        QByteArray bytes;
        if (!body.isUndefined()) {
            bytes = toJsonBytes(body);
            headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        }
        return (client ? *client : f.http()).send(method, path, bytes, headers);
    }

    QByteArray tokenFor(const QString &email, const QString &password)
    {
        return call("POST", "/auth/login", {}, QJsonObject{{"email", email}, {"password", password}})
            .object()
            .value("access_token")
            .toString()
            .toLatin1();
    }

    QString createUser(const QString &email, const QString &rol, const QString &password)
    {
        const HttpReply reply = call(
            "POST", "/usuarios", adminToken,
            QJsonObject{{"email", email}, {"nombre", email.section('@', 0, 0)}, {"rol", rol}, {"password", password}});
        return reply.object().value("id").toString();
    }

    std::unique_ptr<server::RedisClient> redis()
    {
        server::RedisSettings settings;
        settings.host = QStringLiteral("127.0.0.1");
        settings.port = TestEnvironment::redisPort();
        return server::RedisClient::create(settings, 2000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(f.start());
        const auto outcome = ServerProcess::run({"--create-admin", kAdminEmail}, {{"SUPABASE_DB_URL", f.db().url()}},
                                                60000, kAdminPassword.toUtf8() + "\n");
        QVERIFY2(outcome.exitCode == 0, outcome.output.constData());
        adminToken = tokenFor(kAdminEmail, kAdminPassword);
        QVERIFY(!adminToken.isEmpty());
        adminId = call("GET", "/auth/me", adminToken).object().value("id").toString();
        soporteId = createUser("soporte@hardening.example", "soporte", kSoportePassword);
        usuarioId = createUser("usuario@hardening.example", "usuario", kUsuarioPassword);
        QVERIFY(!soporteId.isEmpty() && !usuarioId.isEmpty());
        soporteToken = tokenFor("soporte@hardening.example", kSoportePassword);
        usuarioToken = tokenFor("usuario@hardening.example", kUsuarioPassword);
        QVERIFY(!soporteToken.isEmpty() && !usuarioToken.isEmpty());
        ticketId =
            call("POST", "/tickets", usuarioToken, QJsonObject{{"titulo", "Mi impresora"}, {"descripcion", "No va"}})
                .object()
                .value("id")
                .toString();
        QVERIFY(!ticketId.isEmpty());
    }

    // Item 10: QUuid calls the nil UUID null; it was bound as SQL NULL and answered 500.
    void nilUuidInEveryIdFieldIsNever5xx_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("body");
        const QJsonValue none = QJsonValue::Undefined;
        QTest::newRow("POST /tickets usuario_id")
            << QByteArray("POST") << "/tickets"
            << QJsonValue(QJsonObject{{"usuario_id", kNil}, {"titulo", "T"}, {"descripcion", "D"}});
        QTest::newRow("POST /interacciones ticket_id")
            << QByteArray("POST") << "/interacciones"
            << QJsonValue(QJsonObject{{"ticket_id", kNil}, {"tipo", "comentario"}, {"contenido", "Hola"}});
        QTest::newRow("POST /interacciones usuario_id")
            << QByteArray("POST") << "/interacciones"
            << QJsonValue(QJsonObject{
                   {"ticket_id", ticketId}, {"usuario_id", kNil}, {"tipo", "comentario"}, {"contenido", "Hola"}});
        QTest::newRow("GET /tickets/{nil}") << QByteArray("GET") << "/tickets/" + kNil << none;
        QTest::newRow("PATCH /tickets/{nil}/estado")
            << QByteArray("PATCH") << "/tickets/" + kNil + "/estado?nuevo_estado=cerrado" << none;
        QTest::newRow("PATCH estado usuario_id")
            << QByteArray("PATCH") << "/tickets/" + ticketId + "/estado?nuevo_estado=cerrado&usuario_id=" + kNil
            << none;
        QTest::newRow("GET /tickets/{nil}/interacciones")
            << QByteArray("GET") << "/tickets/" + kNil + "/interacciones" << none;
        QTest::newRow("GET /tickets?usuario_id") << QByteArray("GET") << "/tickets?usuario_id=" + kNil << none;
        QTest::newRow("GET /notificaciones?usuario_id")
            << QByteArray("GET") << "/notificaciones?usuario_id=" + kNil << none;
        QTest::newRow("GET /usuarios/{nil}") << QByteArray("GET") << "/usuarios/" + kNil << none;
        QTest::newRow("PATCH /usuarios/{nil}")
            << QByteArray("PATCH") << "/usuarios/" + kNil << QJsonValue(QJsonObject{{"nombre", "X"}});
        QTest::newRow("DELETE /usuarios/{nil}") << QByteArray("DELETE") << "/usuarios/" + kNil << none;
        QTest::newRow("PUT /usuarios/{nil}/password")
            << QByteArray("PUT") << "/usuarios/" + kNil + "/password"
            << QJsonValue(QJsonObject{{"password_nuevo", "otra-clave-muy-larga"}});
    }

    void nilUuidInEveryIdFieldIsNever5xx()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QJsonValue, body);
        const HttpReply reply = call(method, path, adminToken, body);
        QVERIFY2(reply.status == 404 || reply.status == 422, reply.body.constData());
        // FastAPI's error shape: a detail, a list of field errors for a 422.
        QVERIFY2(reply.object().contains("detail"), reply.body.constData());
        if (reply.status == 422)
            QVERIFY(reply.object().value("detail").isArray());
    }

    // Item 5: with AUTH_REQUIRED=false nobody is asked who they are, so no credential may be
    // made then; and a session from that time is worth nothing once AUTH_REQUIRED=true.
    void openModeRefusesCredentialsAndItsSessionsDieWithIt()
    {
        TestDatabase db(QStringLiteral("tst_auth_hardening_open"));
        // A user with a password, made while authentication was required.
        {
            const auto outcome = ServerProcess::run({"--create-admin", "jefa@abierto.example"},
                                                    {{"SUPABASE_DB_URL", db.url()}}, 60000, "clave-de-la-jefa\n");
            QVERIFY2(outcome.exitCode == 0, outcome.output.constData());
        }
        const QString jefaId = db.scalar("SELECT id FROM usuarios WHERE email = 'jefa@abierto.example'").toString();
        QVERIFY(!jefaId.isEmpty());
        // A session from before open mode, made by a server that asked.
        QByteArray before;
        {
            ServerProcess required;
            QVERIFY(required.start(db.url(), {{"AUTH_REQUIRED", "true"}}));
            HttpClient client(required.url());
            before = call("POST", "/auth/login", {},
                          QJsonObject{{"email", "jefa@abierto.example"}, {"password", "clave-de-la-jefa"}}, {}, &client)
                         .object()
                         .value("access_token")
                         .toString()
                         .toLatin1();
            QVERIFY(!before.isEmpty());
        }

        ServerProcess open;
        QVERIFY(open.start(db.url(), {{"AUTH_REQUIRED", "false"}}));
        HttpClient client(open.url());
        const auto refused = [](const HttpReply &reply) {
            return reply.status == 403 && reply.object().value("detail").toString().contains("AUTH_REQUIRED");
        };
        HttpReply reply =
            call("POST", "/auth/login", {},
                 QJsonObject{{"email", "jefa@abierto.example"}, {"password", "clave-de-la-jefa"}}, {}, &client);
        QVERIFY2(refused(reply), reply.body.constData());
        reply = call("PUT", "/usuarios/" + jefaId + "/password", {},
                     QJsonObject{{"password_nuevo", "clave-nueva-de-nadie"}}, {}, &client);
        QVERIFY2(refused(reply), reply.body.constData());
        reply = call("POST", "/usuarios", {},
                     QJsonObject{{"email", "intruso@abierto.example"},
                                 {"nombre", "Intruso"},
                                 {"rol", "admin"},
                                 {"password", "clave-del-intruso"}},
                     {}, &client);
        QVERIFY2(refused(reply), reply.body.constData());
        QCOMPARE(db.scalar("SELECT count(*) FROM usuarios WHERE email = 'intruso@abierto.example'").toInt(), 0);
        reply = call("PATCH", "/usuarios/" + jefaId, {}, QJsonObject{{"password", "clave-del-intruso"}}, {}, &client);
        QVERIFY2(refused(reply), reply.body.constData());
        // What the original open contract allows still works: a user without a password.
        reply = call("POST", "/usuarios", {},
                     QJsonObject{{"email", "sin-clave@abierto.example"}, {"nombre", "Sin clave"}}, {}, &client);
        QCOMPARE(reply.status, 200);

        // A session that appeared while the API was open (an older server's login, a row
        // written by hand): stored as the real ones are, by the hash of its token.
        const QByteArray token =
            QByteArray(32, 'x').toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        QSqlQuery insert(db.connection());
        QVERIFY(insert.prepare("INSERT INTO sesiones (token_hash, usuario_id, expira) "
                               "VALUES (?, ?::uuid, now() + interval '1 hour')"));
        insert.addBindValue(QCryptographicHash::hash(token, QCryptographicHash::Sha256));
        insert.addBindValue(jefaId);
        QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
        open.stop();

        ServerProcess required;
        QVERIFY(required.start(db.url(), {{"AUTH_REQUIRED", "true"}}));
        HttpClient again(required.url());
        QCOMPARE(call("GET", "/auth/me", token, QJsonValue::Undefined, {}, &again).status, 401);
        QCOMPARE(call("GET", "/auth/me", before, QJsonValue::Undefined, {}, &again).status, 200);
        QVERIFY(required.log().contains("created while AUTH_REQUIRED=false ended"));
    }

    // Item 6: whoever can write to Redis must not be able to make themselves admin.
    void forgedRedisEntriesAreNotTrusted()
    {
        auto client = redis();
        QVERIFY(client);
        const auto sessionKey = [](const QByteArray &token) -> QByteArray {
            return QByteArray("sesion:") + QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex() +
                   QByteArray(":datos");
        };
        const QByteArray adminKey = QByteArray("usuario:") + adminId.toLatin1() + QByteArray(":datos");
        const QByteArray usuarioKey = QByteArray("usuario:") + usuarioId.toLatin1() + QByteArray(":datos");
        // The admin's user entry is cached (the GET fills it), as a forger would want.
        QCOMPARE(call("GET", "/usuarios/" + adminId, adminToken).status, 200);
        QVERIFY(client->command({"EXISTS", adminKey}).integer == 1);
        const qint64 expires = QDateTime::currentMSecsSinceEpoch() + 3600 * 1000;

        // 1. A session that PostgreSQL never heard of, in the old unsigned format.
        const QByteArray forged =
            QByteArray(32, 'f').toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        const QByteArray unsignedEntry =
            QJsonDocument(QJsonObject{{"usuario_id", adminId}, {"expira", expires}}).toJson(QJsonDocument::Compact);
        QCOMPARE(client->command({"SET", sessionKey(forged), unsignedEntry, "EX", "300"}).string, QByteArray("OK"));
        QCOMPARE(call("GET", "/usuarios", forged).status, 401);

        // 2. The same in the signed format, signed with a key that is not the server's.
        const QByteArray datos = QJsonDocument(QJsonObject{{"usuario_id", adminId},
                                                           {"expira", expires},
                                                           {"usuario", call("GET", "/auth/me", adminToken).object()},
                                                           {"uver", ""}})
                                     .toJson(QJsonDocument::Compact);
        const QByteArray badlySigned =
            QJsonDocument(
                QJsonObject{{"usuario_id", adminId}, {"datos", QString::fromUtf8(datos)}, {"mac", QString(64, u'0')}})
                .toJson(QJsonDocument::Compact);
        QCOMPARE(client->command({"SET", sessionKey(forged), badlySigned, "EX", "300"}).string, QByteArray("OK"));
        QCOMPARE(call("GET", "/usuarios", forged).status, 401);

        // 3. A real usuario's session entry pointed at the admin: the MAC no longer matches and
        //    PostgreSQL says who the token belongs to.
        QCOMPARE(call("GET", "/auth/me", usuarioToken).status, 200); // the entry is cached now
        const QByteArray own = sessionKey(usuarioToken);
        const QByteArray entry = client->command({"GET", own}).string;
        QVERIFY2(entry.contains("\"mac\""), entry.constData());
        QJsonObject outer = QJsonDocument::fromJson(entry).object();
        QJsonObject inner = QJsonDocument::fromJson(outer.value("datos").toString().toUtf8()).object();
        QJsonObject usuario = inner.value("usuario").toObject();
        usuario.insert("rol", "admin");
        inner.insert("usuario", usuario);
        outer.insert("datos", QString::fromUtf8(QJsonDocument(inner).toJson(QJsonDocument::Compact)));
        QCOMPARE(client->command({"SET", own, QJsonDocument(outer).toJson(QJsonDocument::Compact), "EX", "300"}).string,
                 QByteArray("OK"));
        QCOMPARE(call("GET", "/usuarios", usuarioToken).status, 403);
        QCOMPARE(call("GET", "/auth/me", usuarioToken).object().value("rol").toString(), QStringLiteral("usuario"));

        // 4. The user entry itself (the GET's unsigned cache) rewritten as an admin.
        QJsonObject self = call("GET", "/auth/me", usuarioToken).object();
        self.insert("rol", "admin");
        QCOMPARE(client->command({"SET", usuarioKey, QJsonDocument(self).toJson(QJsonDocument::Compact), "EX", "300"})
                     .string,
                 QByteArray("OK"));
        client->command({"DEL", own});
        QCOMPARE(call("GET", "/usuarios", usuarioToken).status, 403);
        QCOMPARE(call("GET", "/usuarios", usuarioToken).status, 403); // and from the entry made just now
        client->command({"DEL", usuarioKey});
    }

    // Item 7: browsers get a single-use ticket instead of putting their token in the URL.
    void liveTicketsWorkOnceAndAreNeverLogged()
    {
        QCOMPARE(call("POST", "/auth/ws-ticket", {}).status, 401);
        const auto issue = [&] {
            const HttpReply reply = call("POST", "/auth/ws-ticket", usuarioToken);
            [&] { QCOMPARE(reply.status, 200); }();
            [&] { QCOMPARE(reply.object().value("expires_in").toInt(), 30); }();
            return reply.object().value("ticket").toString().toLatin1();
        };
        const auto streamStatus = [&](const QByteArray &ticket) {
            auto socket = connectRaw(f.server().port());
            socket->write("GET /eventos/stream?ticket=" + ticket + " HTTP/1.1\r\nHost: x\r\n\r\n");
            QDeadlineTimer deadline(5000);
            while (!socket->canReadLine() && !deadline.hasExpired())
                socket->waitForReadyRead(100);
            return socket->readLine().split(' ').value(1).toInt();
        };
        // Server-sent events: the first use opens the stream, the second is refused.
        const QByteArray sse = issue();
        QVERIFY(!sse.isEmpty());
        QCOMPARE(streamStatus(sse), 200);
        QCOMPARE(streamStatus(sse), 401);
        QCOMPARE(streamStatus("no-es-un-ticket"), 401);

        // WebSocket: the same.
        const QByteArray ws = issue();
        const auto open = [&](const QByteArray &ticket) {
            auto socket = std::make_unique<QWebSocket>();
            bool closed = false;
            QObject::connect(socket.get(), &QWebSocket::disconnected, [&closed] { closed = true; });
            socket->open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws/eventos?ticket=%2")
                                  .arg(f.server().port())
                                  .arg(QString::fromLatin1(ticket))));
            QTest::qWait(1500);
            const bool accepted = socket->state() == QAbstractSocket::ConnectedState && !closed;
            socket->disconnect();
            socket->abort();
            return accepted;
        };
        QVERIFY(open(ws));
        QVERIFY(!open(ws));

        // A ticket is stored only as its hash, and expires in 30 s.
        auto client = redis();
        const QByteArray unused = issue();
        const QByteArray key =
            QByteArray("wsticket:") + QCryptographicHash::hash(unused, QCryptographicHash::Sha256).toHex();
        const qint64 ttl = client->command({"TTL", key}).integer;
        QVERIFY2(ttl > 0 && ttl <= 30, qPrintable(QString::number(ttl)));

        // Neither a ticket nor an ?access_token= reaches the log.
        QCOMPARE(streamStatus("x&access_token=" + usuarioToken), 200);
        QTest::qWait(200);
        const QByteArray log = f.server().log();
        QVERIFY(log.contains("ticket=****"));
        QVERIFY(!log.contains(sse) && !log.contains(ws) && !log.contains(usuarioToken));
    }

    // Item 11, lower: a usuario comments only; a cambio_estado by hand would look like a real one.
    void aUsuarioPostsOnlyComments()
    {
        const auto post = [&](const QByteArray &token, const char *tipo) {
            return call("POST", "/interacciones", token,
                        QJsonObject{{"ticket_id", ticketId}, {"tipo", tipo}, {"contenido", "Estado: cerrado"}});
        };
        HttpReply reply = post(usuarioToken, "cambio_estado");
        QVERIFY2(reply.status == 403, reply.body.constData());
        QVERIFY(reply.object().value("detail").toString().contains("comentario"));
        QCOMPARE(post(usuarioToken, "nota_interna").status, 403);
        QCOMPARE(post(usuarioToken, "comentario").status, 200);
        QCOMPARE(post(soporteToken, "cambio_estado").status, 200);
    }

    // Item 11, lower: soporte may not read or mark an admin's notifications.
    void adminsNotificationsAreTheirs()
    {
        QSqlQuery insert(f.db().connection());
        QVERIFY(insert.exec(QStringLiteral("INSERT INTO notificaciones (destinatario_id, ticket_id, mensaje) VALUES "
                                           "('%1', '%3', 'para la admin'), ('%2', '%3', 'para soporte') "
                                           "ON CONFLICT DO NOTHING")
                                .arg(adminId, soporteId, ticketId)));
        const QString adminNote =
            f.db()
                .scalar(QStringLiteral("SELECT id FROM notificaciones WHERE destinatario_id = '%1'").arg(adminId))
                .toString();
        QVERIFY(!adminNote.isEmpty());
        QCOMPARE(call("GET", "/notificaciones?usuario_id=" + adminId, soporteToken).status, 403);
        QCOMPARE(call("PATCH", "/notificaciones/" + adminNote + "/leida", soporteToken).status, 404);
        QCOMPARE(f.db().scalar("SELECT leida FROM notificaciones WHERE id = " + adminNote).toBool(), false);
        // What the table still allows: staff read a soporte's, an admin anyone's, each their own.
        QCOMPARE(call("GET", "/notificaciones?usuario_id=" + soporteId, adminToken).status, 200);
        QCOMPARE(call("GET", "/notificaciones?usuario_id=" + soporteId, soporteToken).status, 200);
        QCOMPARE(call("GET", "/notificaciones?usuario_id=" + adminId, adminToken).status, 200);
        QCOMPARE(call("PATCH", "/notificaciones/" + adminNote + "/leida", adminToken).status, 200);
    }

    // Item 11, lower: sessions slide, but not past TICKETS_SESSION_MAX_S (30 days) from the login.
    void sessionsHaveAnAbsoluteCap()
    {
        const QByteArray token = tokenFor("soporte@hardening.example", kSoportePassword);
        QCOMPARE(call("GET", "/auth/me", token).status, 200);
        const QByteArray hash = QCryptographicHash::hash(token, QCryptographicHash::Sha256);
        QSqlQuery age(f.db().connection());
        QVERIFY(age.prepare("UPDATE sesiones SET creada = now() - interval '31 days' WHERE token_hash = ?"));
        age.addBindValue(hash);
        QVERIFY(age.exec());
        QCOMPARE(age.numRowsAffected(), 1);
        redis()->command({"DEL", QByteArray("sesion:") + hash.toHex() + QByteArray(":datos")});
        // Aged behind the server's back: its in-process memo (SessionMemo, 2 s) may answer first.
        QTRY_COMPARE_WITH_TIMEOUT(call("GET", "/auth/me", token).status, 401, 3000);
    }

    // Item 11, lower: public /health says "error", never PostgreSQL's or Redis's own words.
    void publicHealthHidesTheReasons()
    {
        ServerProcess noRedis;
        QVERIFY(noRedis.start(
            f.db().url(),
            {{"AUTH_REQUIRED", "true"}, {"REDIS_HOST", "127.0.0.1"}, {"REDIS_PORT", QString::number(freePort())}}));
        HttpClient http(noRedis.url());
        HttpReply reply = call("GET", "/health", {}, QJsonValue::Undefined, {}, &http);
        QCOMPARE(reply.object().value("services").toObject().value("redis").toString(), QStringLiteral("error"));
        reply = call("GET", "/health", adminToken, QJsonValue::Undefined, {}, &http);
        const QString forAdmin = reply.object().value("services").toObject().value("redis").toString();
        QVERIFY2(forAdmin.startsWith("error: ") && forAdmin.size() > 7, qPrintable(forAdmin));
    }

    // Item 9: failed logins are counted per address across emails and per account across
    // addresses, not only per (address, email).
    void sprayingAndDistributedGuessingAreThrottled()
    {
        const auto attempt = [&](const QString &email, const QByteArray &address) {
            return call("POST", "/auth/login", {}, QJsonObject{{"email", email}, {"password", "no-es-la-clave"}},
                        {{"X-Real-IP", address}})
                .status;
        };
        // One address, a different email each time: 5 x 4 = 20 failures, then 429.
        for (int i = 0; i < 20; ++i)
            QCOMPARE(attempt(QStringLiteral("rociado%1@hardening.example").arg(i), "192.0.2.77"), 401);
        QCOMPARE(attempt(QStringLiteral("otro-mas@hardening.example"), "192.0.2.77"), 429);
        // One account from a different address each time (spelled differently too).
        for (int i = 0; i < 20; ++i) {
            const QString spelling =
                i % 2 ? QStringLiteral("SOPORTE@hardening.example") : QStringLiteral("  soporte@Hardening.Example ");
            QCOMPARE(attempt(spelling, QStringLiteral("198.51.100.%1").arg(i + 1).toLatin1()), 401);
        }
        QCOMPARE(attempt(QStringLiteral("soporte@hardening.example"), "203.0.113.200"), 429);
    }

    // Item 9: X-Real-IP is believed only from the proxies named in TICKETS_TRUSTED_PROXIES.
    void realIpIsBelievedOnlyFromTrustedProxies()
    {
        auto client = redis();
        const QString email = QStringLiteral("proxy-falso@hardening.example");
        for (const QByteArray &key : {LoginKeys::pair("127.0.0.1", email), LoginKeys::pair("192.0.2.99", email)})
            client->command({"DEL", key});
        ServerProcess untrusted;
        QVERIFY(untrusted.start(
            f.db().url(),
            {{"AUTH_REQUIRED", "true"}, {"TICKETS_TRUST_PROXY", "true"}, {"TICKETS_TRUSTED_PROXIES", "10.9.9.9"}}));
        HttpClient http(untrusted.url());
        QCOMPARE(call("POST", "/auth/login", {}, QJsonObject{{"email", email}, {"password", "no-es-la-clave"}},
                      {{"X-Real-IP", "192.0.2.99"}}, &http)
                     .status,
                 401);
        QCOMPARE(client->command({"EXISTS", LoginKeys::pair("192.0.2.99", email)}).integer, 0);
        QCOMPARE(client->command({"EXISTS", LoginKeys::pair("127.0.0.1", email)}).integer, 1);
    }

    // Item 9: Argon2id runs on a small bounded pool; a burst of logins for unknown emails gets
    // 401, 429 or 503 with Retry-After, and other requests keep being answered meanwhile.
    void aBurstOfLoginsLeavesTheServerResponsive()
    {
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < 200; ++i) {
            auto socket = connectRaw(f.server().port());
            QVERIFY(socket);
            const QByteArray body = toJsonBytes(QJsonObject{{"email", QStringLiteral("nadie%1@rafaga.example").arg(i)},
                                                            {"password", "una-clave-cualquiera"}});
            socket->write("POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                          "X-Real-IP: 10.77." +
                          QByteArray::number(i / 250) + '.' + QByteArray::number(i % 250 + 1) +
                          "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            socket->flush();
            sockets.push_back(std::move(socket));
        }
        qint64 worst = 0;
        int unanswered = 0;
        for (int i = 0; i < 10; ++i) {
            QElapsedTimer timer;
            timer.start();
            auto probe = connectRaw(f.server().port());
            QVERIFY(probe);
            probe->write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
            if (readResponse(*probe, 1000).status != 200)
                ++unanswered;
            worst = std::max(worst, timer.elapsed());
            QThread::msleep(20);
        }
        QMap<int, int> statuses;
        for (auto &socket : sockets) {
            const RawResponse response = readResponse(*socket, 60000);
            ++statuses[response.status];
            if (response.status == 503)
                QVERIFY2(response.head.toLower().contains("retry-after: "), response.head.constData());
        }
        qInfo() << "login answers" << statuses << "worst /health" << worst << "ms," << unanswered
                << "of 10 unanswered within 1 s";
        // 0: dropped unanswered by the 30 s request deadline (on a loaded machine), never a 5xx
        // other than the verifiers' 503.
        for (auto it = statuses.cbegin(); it != statuses.cend(); ++it)
            QVERIFY2(it.key() == 401 || it.key() == 429 || it.key() == 503 || it.key() == 0,
                     qPrintable(QString::number(it.key())));
        QVERIFY(f.server().isRunning());
        // The verifications run on their own pool and the answers are deferred by the
        // transport, so the event loops keep serving everyone else.
        // Before, /health went unanswered for over a second. The bound is loose because this
        // box is shared and noisy (speed is the benchmarks' business); 50-120 ms is typical here.
        QVERIFY2(unanswered == 0 && worst < 250, qPrintable(QStringLiteral("worst /health: %1 ms").arg(worst)));
    }
};

QTEST_GUILESS_MAIN(TestAuthHardening)
#include "tst_auth_hardening.moc"
