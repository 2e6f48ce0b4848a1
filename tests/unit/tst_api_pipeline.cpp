// The request policy in-process, as Cutelyst's TestEngine runs requests: our own http::Request
// values through ApiHandler (CORS, routing answers, authentication, error mapping, request
// ids) over the real controllers, PostgreSQL and Redis, with no socket and no server process.

#include "PrivateRedis.h"
#include "TestEnvironment.h"
#include "api/AccessLog.h"
#include "api/CorsPolicy.h"
#include "api/LiveGrant.h"
#include "app/Api.h"
#include "app/ApiHandler.h"
#include "app/ServerRuntime.h"
#include "auth/PasswordHasher.h"
#include "config/Config.h"
#include "redis/RedisClient.h"
#include "storage/Database.h"
#include "storage/Migrator.h"
#include "storage/OutboxRepository.h"
#include "storage/UsuarioRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace tickets;
using namespace tickets::server;
using namespace tickets::test;

namespace {
http::Request request(const QByteArray &method, const QString &pathAndQuery, const http::HeaderList &headers = {},
                      const QByteArray &body = {})
{
    const QUrl url(QStringLiteral("http://x") + pathAndQuery);
    http::Request r;
    r.method = method;
    r.path = url.path();
    r.encodedPath = url.path(QUrl::FullyEncoded).toLatin1();
    r.query = QUrlQuery(url);
    for (const auto &[name, value] : headers)
        r.headers.append({name.toLower(), value});
    r.body = body;
    r.peer = QHostAddress(QStringLiteral("127.0.0.1"));
    return r;
}

QJsonObject objectOf(const http::Response &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

// One API over one database, as a worker thread builds it.
struct Pipeline
{
    Config config;
    ServerRuntime runtime{config};
    Database database;
    std::unique_ptr<RedisClient> redis;
    Api api;
    AccessLog log{false};
    ApiHandler handler;

    explicit Pipeline(const Config &c)
        : config(c), database(config.database, QStringLiteral("pipeline-%1").arg(quintptr(this))),
          redis(RedisClient::create(config.redis)), api(database, *redis, runtime),
          handler(api.router(), api.authenticator(), runtime.cors, log)
    {}
};

Config configFor(const QString &databaseUrl, bool authRequired)
{
    return loadConfig({{"SUPABASE_DB_URL", databaseUrl},
                       {"REDIS_HOST", "127.0.0.1"},
                       {"REDIS_PORT", QString::number(TestEnvironment::redisPort())},
                       {"AUTH_REQUIRED", authRequired ? "true" : "false"},
                       {"CORS_ORIGINS", "http://localhost:3000"}});
}
} // namespace

class TestApiPipeline : public QObject
{
    Q_OBJECT
    TestDatabase db{QStringLiteral("tst_api_pipeline")};
    std::unique_ptr<Pipeline> p;
    QByteArray adminToken;

    // What the transport does with a deferred answer: waits for its work, then finishes it.
    static http::Response settled(http::Response response)
    {
        if (!response.deferred)
            return response;
        response.deferred->work.waitForFinished();
        return response.deferred->finish();
    }

private Q_SLOTS:
    void initTestCase()
    {
        p = std::make_unique<Pipeline>(configFor(db.url(), true));
        Migrator(p->database).migrate();
        OutboxRepository outbox(p->database, nullptr);
        UsuarioRepository(p->database, outbox)
            .upsertAdmin(QStringLiteral("admin@pipeline.example"), QStringLiteral("Admin"),
                         PasswordHasher::hash("una-clave-larga"));
        const http::Response login =
            settled(p->handler.handle(request("POST", "/auth/login", {{"Content-Type", "application/json"}},
                                              R"({"email":"admin@pipeline.example","password":"una-clave-larga"})")));
        QCOMPARE(login.status, 200);
        adminToken = objectOf(login).value("access_token").toString().toLatin1();
        QVERIFY(!adminToken.isEmpty());
    }

    void everyAnswerCarriesARequestIdAndVary()
    {
        const http::Response missing = p->handler.handle(request("GET", "/nada"));
        QCOMPARE(missing.status, 404);
        QCOMPARE(objectOf(missing).value("detail").toString(), QStringLiteral("Not Found"));
        QCOMPARE(missing.header("X-Request-ID").size(), 16);
        QCOMPARE(missing.header("Vary"), QByteArray("Origin"));
        QCOMPARE(p->handler.handle(request("GET", "/nada", {{"X-Request-ID", "mine-1.2_3"}})).header("X-Request-ID"),
                 QByteArray("mine-1.2_3"));
        const QByteArray replaced =
            p->handler.handle(request("GET", "/nada", {{"X-Request-ID", "bad id"}})).header("X-Request-ID");
        QVERIFY(replaced != "bad id" && replaced.size() == 16);
    }

    void protectedRoutesAskForATokenPublicOnesDoNot()
    {
        const http::Response refused = p->handler.handle(request("GET", "/tickets"));
        QCOMPARE(refused.status, 401);
        QCOMPARE(refused.header("WWW-Authenticate"), QByteArray("Bearer"));
        QCOMPARE(objectOf(refused).value("detail").toString(), QStringLiteral("Not authenticated"));
        QCOMPARE(p->handler.handle(request("GET", "/tickets", {{"Authorization", "Bearer nonsense"}})).status, 401);
        QCOMPARE(p->handler.handle(request("GET", "/tickets", {{"Authorization", "bearer " + adminToken}})).status,
                 200);
        QCOMPARE(p->handler.handle(request("GET", "/health")).status, 200);
        // A token in the query counts for live clients only.
        QCOMPARE(p->handler.handle(request("GET", "/tickets?access_token=" + QString::fromLatin1(adminToken))).status,
                 401);
    }

    void corsOnEveryAnswerAndPreflights()
    {
        const http::Response error =
            p->handler.handle(request("GET", "/tickets", {{"Origin", "http://localhost:3000"}}));
        QCOMPARE(error.status, 401);
        QCOMPARE(error.header("Access-Control-Allow-Origin"), QByteArray("http://localhost:3000"));
        const http::Response preflight = p->handler.handle(request(
            "OPTIONS", "/tickets", {{"Origin", "http://localhost:3000"}, {"Access-Control-Request-Method", "POST"}}));
        QCOMPARE(preflight.status, 200);
        QCOMPARE(preflight.body, QByteArray("OK"));
        QVERIFY(preflight.header("Access-Control-Allow-Methods").contains("PATCH"));
        const http::Response foreign = p->handler.handle(request(
            "OPTIONS", "/tickets", {{"Origin", "http://evil.example"}, {"Access-Control-Request-Method", "POST"}}));
        QCOMPARE(foreign.status, 400);
        QVERIFY(!foreign.hasHeader("Access-Control-Allow-Origin"));
    }

    void invalidInputIsAFastApi422()
    {
        const http::Response response = p->handler.handle(request(
            "POST", "/tickets", {{"Authorization", "Bearer " + adminToken}, {"Content-Type", "application/json"}},
            R"({"titulo": 5})"));
        QCOMPARE(response.status, 422);
        const QJsonArray detail = objectOf(response).value("detail").toArray();
        QVERIFY(detail.size() >= 2);
        for (const QJsonValue &item : detail)
            QVERIFY(item.toObject().contains("type") && item.toObject().contains("loc") &&
                    item.toObject().contains("msg"));
        const http::Response notJson =
            p->handler.handle(request("POST", "/auth/login", {{"Content-Type", "application/json"}}, "{nope"));
        QCOMPARE(notJson.status, 422);
        QCOMPARE(objectOf(notJson)["detail"].toArray().first()["type"].toString(), QStringLiteral("json_invalid"));
    }

    void theEventStreamIsHandedOverWithItsGrant()
    {
        const http::Response stream = p->handler.handle(request(
            "GET", "/eventos/stream?access_token=" + QString::fromLatin1(adminToken), {{"Last-Event-ID", "41"}}));
        QCOMPARE(stream.status, 200);
        QCOMPARE(stream.contentType, QByteArray("text/event-stream"));
        const auto *grant = dynamic_cast<const LiveGrant *>(stream.stream.get());
        QVERIFY(grant && grant->access);
        QCOMPARE(grant->resumeAfter, 41);
        QCOMPARE(grant->access->caller()->email, QStringLiteral("admin@pipeline.example"));
        QCOMPARE(p->handler.handle(request("GET", "/eventos/stream")).status, 401);
    }

    void webSocketUpgradesAreDecidedAtTheDoor()
    {
        QCOMPARE(p->handler.upgrade(request("GET", "/tickets")).status, 404);
        const http::Response anonymous = p->handler.upgrade(request("GET", "/ws/eventos"));
        const auto *refused = dynamic_cast<const LiveGrant *>(anonymous.stream.get());
        QVERIFY(refused && !refused->access); // upgraded, then closed with 1008
        const http::Response admitted =
            p->handler.upgrade(request("GET", "/ws/eventos", {{"Authorization", "Bearer " + adminToken}}));
        const auto *grant = dynamic_cast<const LiveGrant *>(admitted.stream.get());
        QVERIFY(grant && grant->access && grant->access->allows(Permission::SeeAllTickets));
    }

    void anUnreachableDatabaseIs503NotAnError()
    {
        Config config = configFor(QStringLiteral("postgresql://tickets@127.0.0.1:%1/none").arg(freePort()), false);
        config.database.connectTimeoutSeconds = 1;
        Pipeline down(config);
        const http::Response response = down.handler.handle(request("GET", "/tickets"));
        QCOMPARE(response.status, 503);
        QCOMPARE(objectOf(response).value("detail").toString(), QStringLiteral("Base de datos no disponible"));
    }

    void theWireFormLeavesOutHeadersThatCouldSplitIt()
    {
        http::Response response(200, "application/json", "{}");
        response.setHeader("X-Fine", "yes");
        response.setHeader("X-Evil", "a\r\nSet-Cookie: x=1");
        const QByteArray wire = http::serialize(response);
        QVERIFY(wire.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(wire.contains("X-Fine: yes\r\n") && !wire.contains("Set-Cookie") && !wire.contains("X-Evil"));
        QVERIFY(wire.endsWith("Content-Length: 2\r\n\r\n{}"));
        QVERIFY(http::serialize(response, true).endsWith("Content-Length: 2\r\n\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestApiPipeline)
#include "tst_api_pipeline.moc"
