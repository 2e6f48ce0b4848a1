// The router in-process: what a path and method resolve to, and the answers instead of a
// handler (404, 405 with Allow, 307 without the trailing slash, 400 for control characters).

#include "api/Request.h"
#include "api/Router.h"
#include "protocol/Routes.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace tickets;
using namespace tickets::server;
namespace route = protocol::route;

namespace {
http::Request request(const QByteArray &method, const QString &path, const QString &query = {})
{
    http::Request r;
    r.method = method;
    r.path = path;
    r.encodedPath = QUrl(path).path(QUrl::FullyEncoded).toLatin1();
    r.query = QUrlQuery(query);
    return r;
}

QString detailOf(const http::Response &response)
{
    return QJsonDocument::fromJson(response.body).object().value(QStringLiteral("detail")).toString();
}
} // namespace

class TestRouter : public QObject
{
    Q_OBJECT
    Router router;
    QStringList called;

    Handler named(const QString &name)
    {
        return [this, name](Request &r) {
            called << name + u'(' + r.pathParam(QStringLiteral("ticket_id")) + u')';
            return http::Response(200, {}, name.toUtf8());
        };
    }

    http::Response run(const Router::Resolution &resolution, const http::Request &raw)
    {
        Request context(raw, resolution.match.paramNames, resolution.match.params, "rid");
        return (*resolution.match.handler)(context);
    }

private Q_SLOTS:
    void initTestCase()
    {
        router.add("GET", route::ticket, named("get"));
        router.add("PATCH", route::ticketEstado, named("estado"));
        router.add("GET", route::ticketResumen, named("resumen"), RouteAccess::Public);
        router.add("GET", route::tickets, named("list"));
        router.add("POST", route::tickets, named("create"));
    }

    void aLiteralSegmentBeatsAParameter()
    {
        const auto resumen = router.resolve(request("GET", "/tickets/resumen"));
        QVERIFY(resumen.match.handler && !resumen.answer);
        QCOMPARE(run(resumen, request("GET", "/tickets/resumen")).body, QByteArray("resumen"));
        QCOMPARE(resumen.match.access, RouteAccess::Public);
        const auto one = router.resolve(request("GET", "/tickets/abc"));
        QCOMPARE(run(one, request("GET", "/tickets/abc")).body, QByteArray("get"));
        QCOMPARE(called.last(), QStringLiteral("get(abc)"));
        QCOMPARE(one.match.access, RouteAccess::Authenticated);
    }

    void headIsServedByGet()
    {
        const auto head = router.resolve(request("HEAD", "/tickets"));
        QVERIFY(head.match.handler);
    }

    void aKnownPathWithAnotherMethodIs405WithAllow()
    {
        const auto answer = router.resolve(request("DELETE", "/tickets")).answer;
        QVERIFY(answer);
        QCOMPARE(answer->status, 405);
        QCOMPARE(answer->header("Allow"), QByteArray("GET, POST"));
        QCOMPARE(detailOf(*answer), QStringLiteral("Method Not Allowed"));
    }

    void anUnknownPathIs404()
    {
        for (const char *path : {"/nada", "/tickets/a/b/c", "/"}) {
            const auto answer = router.resolve(request("GET", QString::fromLatin1(path))).answer;
            QVERIFY2(answer && answer->status == 404, path);
            QCOMPARE(detailOf(*answer), QStringLiteral("Not Found"));
            QCOMPARE(answer->contentType, QByteArray("application/json"));
        }
    }

    void aTrailingSlashRedirectsWithItsQuery()
    {
        const auto answer = router.resolve(request("GET", "/tickets/", "estado=abierto&limit=5")).answer;
        QVERIFY(answer);
        QCOMPARE(answer->status, 307);
        QCOMPARE(answer->header("Location"), QByteArray("/tickets?estado=abierto&limit=5"));
        QCOMPARE(router.resolve(request("GET", "/tickets/abc//")).answer->header("Location"),
                 QByteArray("/tickets/abc"));
    }

    // The 307 is built from the path as sent: no decoded byte can reach a header.
    void controlCharactersInThePathAre400()
    {
        for (const QString &path : {QStringLiteral("/tickets/x\r\nSet-Cookie: a=1/"), QStringLiteral("/tickets/\x01"),
                                    QStringLiteral("/tickets/a\x7f")}) {
            const auto answer = router.resolve(request("GET", path)).answer;
            QVERIFY2(answer && answer->status == 400, qPrintable(path.toUtf8().toPercentEncoding()));
            QVERIFY(!answer->hasHeader("Location"));
        }
        http::Request encoded = request("GET", "/tickets/x y/");
        encoded.encodedPath = "/tickets/x%20y/";
        QCOMPARE(router.resolve(encoded).answer->header("Location"), QByteArray("/tickets/x%20y"));
    }

    void routesAreListedForTheOpenApiCheck()
    {
        QStringList listed;
        for (const RouteInfo &info : router.routes())
            listed << QString::fromLatin1(info.method) + u' ' + info.pattern;
        QVERIFY(listed.contains("PATCH /tickets/{ticket_id}/estado"));
        QCOMPARE(listed.size(), 5);
    }
};

QTEST_GUILESS_MAIN(TestRouter)
#include "tst_router.moc"
