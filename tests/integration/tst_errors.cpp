// Errors a client sees: FastAPI's shapes, 4xx for every bad input, never a 5xx.

#include "ApiFixture.h"
#include "RawHttp.h"

using namespace tickets::test;

class TestErrors : public QObject
{
    Q_OBJECT
    ApiFixture f{QStringLiteral("tst_errors"), {{"CORS_ORIGINS", "https://app.example.com"}}};
    QString usuario;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(f.start());
        usuario = f.createUsuario("errores@example.com");
    }

    void unknownRouteAndWrongMethod()
    {
        HttpReply reply = f.http().get("/no-existe", {{"Origin", "https://app.example.com"}});
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.object(), QJsonObject({{"detail", "Not Found"}}));
        QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
        QCOMPARE(reply.header("access-control-allow-origin"), QByteArray("https://app.example.com"));

        reply = f.http().send("DELETE", "/tickets");
        QCOMPARE(reply.status, 405);
        QCOMPARE(reply.object(), QJsonObject({{"detail", "Method Not Allowed"}}));
        QCOMPARE(reply.header("allow"), QByteArray("POST, GET"));
        QCOMPARE(f.http().send("PUT", "/tickets/550e8400-e29b-41d4-a716-446655440000").status, 405);
    }

    void trailingSlashRedirects()
    {
        const HttpReply reply = f.http().get("/tickets/?estado=abierto");
        QCOMPARE(reply.status, 307);
        QCOMPARE(reply.header("location"), QByteArray("/tickets?estado=abierto"));
    }

    void validationErrors_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QJsonArray>("loc");
        QTest::addColumn<QString>("type");
        const QByteArray u = "\"usuario_id\":\"" + QByteArray("550e8400-e29b-41d4-a716-446655440000") + "\"";
        QTest::newRow("invalid email") << QByteArray("POST") << "/usuarios"
                                       << QByteArray(R"({"email":"x@","nombre":"a"})") << QJsonArray{"body", "email"}
                                       << "value_error";
        QTest::newRow("unknown enum") << QByteArray("POST") << "/usuarios"
                                      << QByteArray(R"({"email":"a@b.co","nombre":"a","rol":"root"})")
                                      << QJsonArray{"body", "rol"} << "enum";
        QTest::newRow("missing field") << QByteArray("POST") << "/usuarios" << QByteArray(R"({"email":"a@b.co"})")
                                       << QJsonArray{"body", "nombre"} << "missing";
        QTest::newRow("number for string")
            << QByteArray("POST") << "/tickets" << ("{" + u + R"(,"titulo":12,"descripcion":"d"})")
            << QJsonArray{"body", "titulo"} << "string_type";
        QTest::newRow("malformed json") << QByteArray("POST") << "/tickets" << QByteArray("{\"titulo\": ")
                                        << QJsonArray{"body", 11} << "json_invalid";
        QTest::newRow("empty body") << QByteArray("POST") << "/tickets" << QByteArray() << QJsonArray{"body"}
                                    << "missing";
        QTest::newRow("array body") << QByteArray("POST") << "/interacciones" << QByteArray("[]") << QJsonArray{"body"}
                                    << "model_attributes_type";
        QTest::newRow("path not uuid") << QByteArray("GET") << "/tickets/not-a-uuid" << QByteArray()
                                       << QJsonArray{"path", "ticket_id"} << "uuid_parsing";
        QTest::newRow("path not uuid (user)") << QByteArray("GET") << "/usuarios/123" << QByteArray()
                                              << QJsonArray{"path", "usuario_id"} << "uuid_parsing";
        QTest::newRow("skip negative") << QByteArray("GET") << "/tickets?skip=-1" << QByteArray()
                                       << QJsonArray{"query", "skip"} << "greater_than_equal";
        QTest::newRow("limit zero") << QByteArray("GET") << "/tickets?limit=0" << QByteArray()
                                    << QJsonArray{"query", "limit"} << "greater_than_equal";
        QTest::newRow("limit too big") << QByteArray("GET") << "/usuarios?limit=1001" << QByteArray()
                                       << QJsonArray{"query", "limit"} << "less_than_equal";
        QTest::newRow("limit not int") << QByteArray("GET") << "/tickets?limit=diez" << QByteArray()
                                       << QJsonArray{"query", "limit"} << "int_parsing";
        QTest::newRow("estado filter") << QByteArray("GET") << "/tickets?estado=ABIERTO" << QByteArray()
                                       << QJsonArray{"query", "estado"} << "enum";
        QTest::newRow("titulo too long") << QByteArray("POST") << "/tickets"
                                         << ("{" + u + ",\"titulo\":\"" + QByteArray(256, 'x') +
                                             "\",\"descripcion\":\"d\"}")
                                         << QJsonArray{"body", "titulo"} << "string_too_long";
        QTest::newRow("bool filter") << QByteArray("GET") << "/usuarios?activo=2" << QByteArray()
                                     << QJsonArray{"query", "activo"} << "bool_parsing";
        // skip is capped (protocol::kMaxSkip; past it lists page by cursor): a huge one is over the cap.
        QTest::newRow("huge skip") << QByteArray("GET") << "/tickets?skip=99999999999999999999999999" << QByteArray()
                                   << QJsonArray{"query", "skip"} << "less_than_equal";
    }
    void validationErrors()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QJsonArray, loc);
        QFETCH(QString, type);
        const HttpReply reply = f.http().send(method, path, body, {{"Content-Type", "application/json"}});
        QCOMPARE(reply.status, 422);
        QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
        const QJsonObject error = errorAt(reply.object().value("detail"), loc);
        QVERIFY2(!error.isEmpty(), reply.body);
        QCOMPARE(error.value("type").toString(), type);
        QVERIFY(!error.value("msg").toString().isEmpty());
        QVERIFY(error.contains("input"));
    }

    void nonJsonContentTypeIsNotAnObject()
    {
        const HttpReply reply = f.http().send("POST", "/usuarios", "email=a@b.co&nombre=a",
                                              {{"Content-Type", "application/x-www-form-urlencoded"}});
        QCOMPARE(reply.status, 422);
        QCOMPARE(errorAt(reply.object().value("detail"), {"body"}).value("type").toString(),
                 QStringLiteral("model_attributes_type"));
    }

    void fiveMegabyteBodyIs413()
    {
        const QByteArray huge = "{\"titulo\":\"" + QByteArray(5 * 1024 * 1024, 'a') + "\"}";
        const HttpReply reply = f.http().send("POST", "/tickets", huge, {{"Content-Type", "application/json"}});
        QCOMPARE(reply.status, 413);
        QVERIFY(reply.object().value("detail").toString().contains("1048576"));
        QCOMPARE(f.http().get("/health").status, 200);
    }

    void bodyJustUnderTheLimitIsServed()
    {
        const QByteArray text(1000 * 1000, 'd');
        const HttpReply reply =
            f.http().send("POST", "/tickets",
                          "{\"usuario_id\":\"" + usuario.toUtf8() + "\",\"titulo\":\"grande\",\"descripcion\":\"" +
                              text.left(100000) + "\",\"relleno\":\"" + text.left(800000) + "\"}",
                          {{"Content-Type", "application/json"}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.object().value("descripcion").toString().size(), 100000);
    }

    void requestIdIsReturnedAndLogged()
    {
        HttpReply reply = f.http().get("/health", {{"X-Request-ID", "trace-abc.123"}});
        QCOMPARE(reply.header("x-request-id"), QByteArray("trace-abc.123"));
        reply = f.http().get("/health", {{"X-Request-ID", "bad id with spaces"}});
        const QByteArray generated = reply.header("x-request-id");
        QCOMPARE(generated.size(), 16);
        QTRY_VERIFY(f.server().log().contains("GET /health 200"));
        QTRY_VERIFY(f.server().log().contains(QByteArray("rid=" + generated)));
    }

    void hostileInputNever5xx()
    {
        const QList<QPair<QByteArray, QString>> requests{
            {"GET", "/tickets?estado=%00"},
            {"GET", "/tickets?q=%F0%9F%98%80%27%3B--"},
            {"GET", "/tickets/%2e%2e%2f"},
            {"GET", "/usuarios?skip=1e3"},
            {"PATCH", "/tickets/550e8400-e29b-41d4-a716-446655440000/estado?nuevo_estado=cerrado&usuario_id=x"},
            {"GET", "/tickets?q=" + QString(300, u'a')},
            {"GET", "/tickets?usuario_id=%27%20OR%201%3D1"},
            {"GET", "/tickets?q=a%00b"},
            {"GET", "/tickets?q=%C0%AF"},
        };
        for (const auto &[method, path] : requests) {
            const HttpReply reply = f.http().send(method, path);
            QVERIFY2(reply.status >= 200 && reply.status < 500,
                     qPrintable(path + " -> " + QString::number(reply.status)));
        }
        for (const QByteArray &body : {QByteArray("{\"email\":\"\\ud800@x.com\",\"nombre\":\"n\"}"),
                                       QByteArray("{\"a\":" + QByteArray(5000, '[')), QByteArray("null"),
                                       QByteArray("\"texto\""), QByteArray("{\"email\":null,\"nombre\":null}"),
                                       QByteArray("{\"email\":\"nul@example.com\",\"nombre\":\"a\\u0000b\"}")}) {
            const HttpReply reply = f.http().send("POST", "/usuarios", body, {{"Content-Type", "application/json"}});
            QVERIFY2(reply.status >= 400 && reply.status < 500,
                     QByteArray(body.left(60) + " -> " + QByteArray::number(reply.status)).constData());
        }
    }

    void conflictingContentLengthIsRefused()
    {
        auto socket = connectRaw(f.server().port());
        QVERIFY(socket);
        socket->write("POST /usuarios HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 50\r\n\r\n{}");
        const RawResponse response = readResponse(*socket);
        QCOMPARE(response.status, 400);
    }
};

QTEST_GUILESS_MAIN(TestErrors)
#include "tst_errors.moc"
