// CorsPolicy in-process: Starlette's CORSMiddleware as the web frontend knows it.

#include "api/CorsPolicy.h"

#include <QTest>

using namespace tickets::server;

namespace {
CorsPolicy policy(QStringList origins, QString regex = QStringLiteral(R"(https://.*\.vercel\.app)"), bool all = false)
{
    CorsSettings settings;
    settings.origins = std::move(origins);
    settings.originRegex = std::move(regex);
    settings.allowAll = all;
    return CorsPolicy(settings);
}

QByteArray header(const http::HeaderList &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}
} // namespace

class TestCorsPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listedAndMatchingOriginsAreEchoedWithCredentials()
    {
        const CorsPolicy cors = policy({"http://localhost:3000"});
        for (const QByteArray &origin : {QByteArray("http://localhost:3000"), QByteArray("https://app.vercel.app")}) {
            const auto headers = cors.responseHeaders(origin);
            QCOMPARE(header(headers, "Access-Control-Allow-Origin"), origin);
            QCOMPARE(header(headers, "Access-Control-Allow-Credentials"), QByteArray("true"));
            QVERIFY(header(headers, "Access-Control-Expose-Headers").contains("X-Total-Count"));
            QCOMPARE(header(headers, "Vary"), QByteArray("Origin"));
        }
    }

    void otherOriginsGetOnlyVary()
    {
        const CorsPolicy cors = policy({"http://localhost:3000"});
        for (const QByteArray &origin :
             {QByteArray("http://evil.example"), QByteArray("https://vercel.app.evil.example"),
              QByteArray("http://localhost:3000.evil"), QByteArray()}) {
            const auto headers = cors.responseHeaders(origin);
            QCOMPARE(headers.size(), 1);
            QCOMPARE(header(headers, "Vary"), QByteArray("Origin"));
        }
    }

    void anEmptyRegexAllowsNoOriginByPattern()
    {
        const CorsPolicy cors = policy({"http://localhost:3000"}, QString());
        QVERIFY(!cors.isAllowed("https://app.vercel.app"));
        QVERIFY(cors.isAllowed("http://localhost:3000"));
    }

    void allowAllEchoesEveryOriginNeverAStar()
    {
        const CorsPolicy cors = policy({}, QString(), true);
        QCOMPARE(header(cors.responseHeaders("http://x.example"), "Access-Control-Allow-Origin"),
                 QByteArray("http://x.example"));
    }

    void preflights()
    {
        QVERIFY(CorsPolicy::isPreflight("OPTIONS", "http://localhost:3000", "POST"));
        QVERIFY(!CorsPolicy::isPreflight("OPTIONS", "", "POST"));
        QVERIFY(!CorsPolicy::isPreflight("OPTIONS", "http://localhost:3000", ""));
        const CorsPolicy cors = policy({"http://localhost:3000"});
        const auto allowed = cors.preflight("http://localhost:3000", "PATCH", "authorization, content-type");
        QCOMPARE(allowed.status, 200);
        QVERIFY(allowed.detail.isNull());
        QCOMPARE(header(allowed.headers, "Access-Control-Allow-Headers"), QByteArray("authorization, content-type"));
        QCOMPARE(header(allowed.headers, "Access-Control-Max-Age"), QByteArray("600"));
        const auto foreign = cors.preflight("http://evil.example", "GET", "");
        QCOMPARE(foreign.status, 400);
        QCOMPARE(foreign.detail.toString(), QStringLiteral("Disallowed CORS origin"));
        QVERIFY(header(foreign.headers, "Access-Control-Allow-Origin").isEmpty());
        const auto method = cors.preflight("http://localhost:3000", "BREW", "");
        QCOMPARE(method.status, 400);
        QCOMPARE(method.detail.toString(), QStringLiteral("Disallowed CORS method"));
    }
};

QTEST_GUILESS_MAIN(TestCorsPolicy)
#include "tst_cors_policy.moc"
