// CORS as the browser-based frontend needs it (Starlette's CORSMiddleware semantics).

#include "ApiFixture.h"
#include "RawHttp.h"

using namespace tickets::test;

class TestCors : public QObject
{
    Q_OBJECT
    ApiFixture f{QStringLiteral("tst_cors"),
                 {{"CORS_ORIGINS", "[\"http://localhost:3000\", \"https://ticketsyeso.vercel.app\"]"}}};

    HttpReply preflight(const QByteArray &origin, const QByteArray &method = "POST")
    {
        return f.http().send("OPTIONS", "/tickets", {},
                             {{"Origin", origin},
                              {"Access-Control-Request-Method", method},
                              {"Access-Control-Request-Headers", "content-type,x-custom"}});
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(f.start()); }

    void preflightFromAllowedOrigins_data()
    {
        QTest::addColumn<QByteArray>("origin");
        QTest::newRow("listed") << QByteArray("http://localhost:3000");
        QTest::newRow("production") << QByteArray("https://ticketsyeso.vercel.app");
        QTest::newRow("vercel preview") << QByteArray("https://ticketsyeso-git-feature-x.vercel.app");
    }
    void preflightFromAllowedOrigins()
    {
        QFETCH(QByteArray, origin);
        const HttpReply reply = preflight(origin);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("access-control-allow-origin"), origin);
        QCOMPARE(reply.header("access-control-allow-credentials"), QByteArray("true"));
        QCOMPARE(reply.header("access-control-allow-methods"),
                 QByteArray("GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD"));
        QCOMPARE(reply.header("access-control-allow-headers"), QByteArray("content-type,x-custom"));
        QCOMPARE(reply.header("access-control-max-age"), QByteArray("600"));
        QCOMPARE(reply.header("vary"), QByteArray("Origin"));
    }

    void preflightFromForeignOrigins_data()
    {
        QTest::addColumn<QByteArray>("origin");
        QTest::newRow("other site") << QByteArray("https://evil.example.com");
        QTest::newRow("vercel look-alike") << QByteArray("https://evil.vercel.app.attacker.com");
        QTest::newRow("plain http vercel") << QByteArray("http://x.vercel.app");
        QTest::newRow("port differs") << QByteArray("http://localhost:3001");
    }
    void preflightFromForeignOrigins()
    {
        QFETCH(QByteArray, origin);
        const HttpReply reply = preflight(origin);
        QCOMPARE(reply.status, 400);
        QVERIFY(!reply.headers.contains("access-control-allow-origin"));
        QCOMPARE(reply.object().value("detail").toString(), QStringLiteral("Disallowed CORS origin"));
    }

    void preflightOnAnyPath()
    {
        const HttpReply reply =
            f.http().send("OPTIONS", "/tickets/550e8400-e29b-41d4-a716-446655440000/estado", {},
                          {{"Origin", "http://localhost:3000"}, {"Access-Control-Request-Method", "PATCH"}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("access-control-allow-origin"), QByteArray("http://localhost:3000"));
    }

    void simpleRequests()
    {
        HttpReply reply = f.http().get("/test-cors", {{"Origin", "https://ticketsyeso.vercel.app"}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.object().value("message").toString(), QStringLiteral("CORS funcionando correctamente"));
        QCOMPARE(reply.header("access-control-allow-origin"), QByteArray("https://ticketsyeso.vercel.app"));
        QCOMPARE(reply.header("access-control-allow-credentials"), QByteArray("true"));
        QVERIFY(reply.header("access-control-expose-headers").contains("X-Total-Count"));
        QCOMPARE(reply.header("vary"), QByteArray("Origin"));

        reply = f.http().get("/test-cors", {{"Origin", "https://evil.example.com"}});
        QCOMPARE(reply.status, 200); // served, but the browser will not hand it to the page
        QVERIFY(!reply.headers.contains("access-control-allow-origin"));
        QCOMPARE(reply.header("vary"), QByteArray("Origin"));

        reply = f.http().get("/test-cors");
        QVERIFY(!reply.headers.contains("access-control-allow-origin"));
        QCOMPARE(reply.header("vary"), QByteArray("Origin"));
    }

    void errorsCarryCorsHeaders()
    {
        const QList<QByteArray> origin{"Origin", "http://localhost:3000"};
        for (const QString &path : {QStringLiteral("/nada"), QStringLiteral("/tickets/x"),
                                    QStringLiteral("/tickets/550e8400-e29b-41d4-a716-446655440000")}) {
            const HttpReply reply = f.http().get(path, {{"Origin", "http://localhost:3000"}});
            QVERIFY(reply.status >= 400);
            QCOMPARE(reply.header("access-control-allow-origin"), QByteArray("http://localhost:3000"));
        }
        // The guard's own answers too (413 before the body is read).
        auto socket = connectRaw(f.server().port());
        socket->write(
            "POST /tickets HTTP/1.1\r\nHost: x\r\nOrigin: http://localhost:3000\r\nContent-Length: 99999999\r\n\r\n");
        const RawResponse response = readResponse(*socket);
        QCOMPARE(response.status, 413);
        QVERIFY(response.head.contains("Access-Control-Allow-Origin: http://localhost:3000"));
        QVERIFY(response.body.startsWith("{\"detail\":"));
    }

    void debugCorsShowsTheConfiguration()
    {
        const QJsonObject body = f.http().get("/debug/cors").object();
        QCOMPARE(body.value("cors_origins").toArray(),
                 QJsonArray({"http://localhost:3000", "https://ticketsyeso.vercel.app"}));
        QCOMPARE(body.value("cors_origins_raw").toString(),
                 QStringLiteral("[\"http://localhost:3000\", \"https://ticketsyeso.vercel.app\"]"));
        QCOMPARE(body.value("cors_origins_type").toString(), QStringLiteral("str"));
        QCOMPARE(body.value("cors_allow_all").toBool(), false);
        QCOMPARE(body.value("message").toString(),
                 QStringLiteral("Si puedes ver esto desde el navegador, CORS está funcionando"));
    }

    void startupLogShowsCors()
    {
        QVERIFY(f.server().log().contains(
            "tickets.config: cors: origins http://localhost:3000, https://ticketsyeso.vercel.app"));
    }

    void allowAllEchoesEveryOriginAndWarns()
    {
        ServerProcess server;
        QVERIFY(server.start(f.db().url(), {{"CORS_ALLOW_ALL", "True"}}));
        HttpClient http(server.url());
        const HttpReply reply = http.get("/test-cors", {{"Origin", "https://anything.example.org"}});
        QCOMPARE(reply.header("access-control-allow-origin"), QByteArray("https://anything.example.org"));
        QCOMPARE(reply.header("access-control-allow-credentials"), QByteArray("true"));
        QCOMPARE(http.send("OPTIONS", "/usuarios", {}, {{"Origin", "null"}, {"Access-Control-Request-Method", "GET"}})
                     .header("access-control-allow-origin"),
                 QByteArray("null"));
        QVERIFY(server.log().contains("WARNING tickets.config: CORS_ALLOW_ALL=True"));
        QCOMPARE(http.get("/debug/cors").object().value("cors_allow_all").toBool(), true);
    }
};

QTEST_GUILESS_MAIN(TestCors)
#include "tst_cors.moc"
