// The strict request-head reader, in-process: what each hostile head of the README's
// inventory gets before QtHttpServer's parser sees it.

#include "http/RequestHead.h"

#include <QTest>

using tickets::server::http::HeadLimits;
using tickets::server::http::RequestHead;
using Verdict = RequestHead::Verdict;

class TestRequestHead : public QObject
{
    Q_OBJECT

    static RequestHead parse(const QByteArray &bytes) { return RequestHead::parse(bytes, HeadLimits{}); }

private Q_SLOTS:
    void aPlainRequestIsComplete()
    {
        const auto head = parse("GET /tickets?limit=5 HTTP/1.1\r\nHost: x\r\nOrigin:  http://a \r\n\r\nrest");
        QCOMPARE(head.verdict, Verdict::Complete);
        QCOMPARE(head.method, QByteArray("GET"));
        QCOMPARE(head.target, QByteArray("/tickets?limit=5"));
        QCOMPARE(head.header("origin"), QByteArray("http://a"));
        QCOMPARE(head.size, qsizetype(QByteArray("GET /tickets?limit=5 HTTP/1.1\r\nHost: x\r\nOrigin:  http://a "
                                                 "\r\n\r\n")
                                          .size()));
        const auto request = head.toRequest();
        QCOMPARE(request.path, QStringLiteral("/tickets"));
        QCOMPARE(request.query.queryItemValue(QStringLiteral("limit")), QStringLiteral("5"));
    }

    void aPartialHeadWaitsForMore()
    {
        QCOMPARE(parse("GET / HTTP/1.1\r\nHost: x\r\n").verdict, Verdict::Incomplete);
        QCOMPARE(parse("").verdict, Verdict::Incomplete);
    }

    void blankLinesBeforeTheRequestLineAreSkippedButTheLimitsStillHold()
    {
        const auto head = parse("\r\n\r\nPOST /tickets HTTP/1.1\r\nContent-Length: 999999999\r\n\r\n");
        QCOMPARE(head.leadingBytes, 4);
        QCOMPARE(head.verdict, Verdict::Rejected);
        QCOMPARE(head.status, 413);
    }

    void bareLineFeedsAreAccepted()
    {
        const auto head = parse("GET / HTTP/1.1\nHost: x\n\n");
        QCOMPARE(head.verdict, Verdict::Complete);
        QCOMPARE(head.header("host"), QByteArray("x"));
    }

    void hostileHeadsAreRefusedWithAReason_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        QTest::newRow("obs-fold") << QByteArray("GET / HTTP/1.1\r\nTransfer-Encoding: identity\r\n chunked\r\n\r\n")
                                  << 400;
        QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nContent-Length : 5\r\n\r\n") << 400;
        QTest::newRow("CL and TE") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: "
                                                 "chunked\r\n\r\n")
                                   << 400;
        QTest::newRow("TE not chunked") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") << 400;
        QTest::newRow("two TE") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: "
                                              "chunked\r\n\r\n")
                                << 400;
        QTest::newRow("CL list") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\n") << 400;
        QTest::newRow("CL sign") << QByteArray("POST / HTTP/1.1\r\nContent-Length: +5\r\n\r\n") << 400;
        QTest::newRow("two CL") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n")
                                << 400;
        QTest::newRow("bare CR") << QByteArray("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n") << 400;
        QTest::newRow("NUL") << QByteArray("GET / HTTP/1.1\r\nX: a\0b\r\n\r\n", 27) << 400;
        QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << 400;
        QTest::newRow("HTTP/2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 400;
        QTest::newRow("bad method") << QByteArray("G(T / HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("not origin-form") << QByteArray("GET %2Ftickets/ HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("absolute, no host") << QByteArray("GET https:// HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("scheme-relative") << QByteArray("GET //evil.example/ HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nnocolon\r\n\r\n") << 400;
        QTest::newRow("huge body") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n") << 413;
        QTest::newRow("huge head") << QByteArray("GET / HTTP/1.1\r\nX: " + QByteArray(40000, 'a')) << 431;
    }
    void hostileHeadsAreRefusedWithAReason()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        const auto head = parse(bytes);
        QCOMPARE(head.verdict, Verdict::Rejected);
        QCOMPARE(head.status, status);
        QVERIFY(!head.detail.isEmpty());
    }

    void aWebSocketHandshakeIsCheckedAsRfc6455Says()
    {
        const QByteArray good = "GET /ws/eventos HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: keep-alive, "
                                "Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: "
                                "13\r\n\r\n";
        const auto head = parse(good);
        QVERIFY(head.upgradesToWebSocket());
        QCOMPARE(head.webSocketHandshakeProblem(), QString());

        QByteArray halfUpgrade = good;
        halfUpgrade.replace("Connection: keep-alive, Upgrade\r\n", "");
        QVERIFY(parse(halfUpgrade).upgradesToWebSocket());
        QVERIFY(parse(halfUpgrade).webSocketHandshakeProblem().contains(QStringLiteral("Connection")));

        QByteArray badKey = good;
        badKey.replace("dGhlIHNhbXBsZSBub25jZQ==", "c2hvcnQ=");
        QVERIFY(!parse(badKey).webSocketHandshakeProblem().isEmpty());

        QByteArray oldVersion = good;
        oldVersion.replace("Version: 13", "Version: 8");
        QVERIFY(!parse(oldVersion).webSocketHandshakeProblem().isEmpty());

        QVERIFY(!parse("GET / HTTP/1.1\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n").upgradesToWebSocket());
    }
};

QTEST_GUILESS_MAIN(TestRequestHead)
#include "tst_request_head.moc"
