// LoginThrottle in-process against the fixture's Redis: the counter's key and window, the
// refusal after too many failures, and that a success or another address starts afresh.

#include "TestEnvironment.h"
#include "auth/LoginThrottle.h"
#include "redis/RedisClient.h"

#include <QTest>

using namespace tickets::server;
using namespace tickets::test;

class TestLoginThrottle : public QObject
{
    Q_OBJECT
    std::unique_ptr<RedisClient> redis;

    RedisSettings settings() const
    {
        RedisSettings s;
        s.host = QStringLiteral("127.0.0.1");
        s.port = TestEnvironment::redisPort();
        return s;
    }

private Q_SLOTS:
    void initTestCase() { redis = RedisClient::create(settings()); }

    void theCounterIsKeyedByAddressAndLowerCaseEmail()
    {
        QCOMPARE(LoginThrottle::key(QStringLiteral("Ana@Example.COM"), QStringLiteral("10.0.0.7")),
                 QByteArray("login:fallos:10.0.0.7:ana@example.com"));
    }

    void tooManyFailuresAreRefusedForTheWindow()
    {
        const QString email = QStringLiteral("throttle-%1@example.com").arg(QCoreApplication::applicationPid());
        const QString address = QStringLiteral("192.0.2.1");
        LoginThrottle throttle(*redis, 3, 120);
        redis->command({"DEL", LoginThrottle::key(email, address)});
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(throttle.retryAfter(email, address), 0);
            throttle.recordFailure(email, address);
        }
        const int wait = throttle.retryAfter(email, address);
        QVERIFY2(wait > 100 && wait <= 120, qPrintable(QString::number(wait)));
        QCOMPARE(redis->command({"GET", LoginThrottle::key(email, address)}).string, QByteArray("3"));
        const qint64 ttl = redis->command({"TTL", LoginThrottle::key(email, address)}).integer;
        QVERIFY(ttl > 100 && ttl <= 120);
        // Another address is not blocked; a reset (a successful login) clears the count.
        QCOMPARE(throttle.retryAfter(email, QStringLiteral("192.0.2.2")), 0);
        throttle.reset(email, address);
        QCOMPARE(throttle.retryAfter(email, address), 0);
    }

    void withoutRedisLoginsAreNotBlocked()
    {
        RedisSettings away = settings();
        away.port = freePort();
        const auto down = RedisClient::create(away);
        LoginThrottle throttle(*down, 1, 60);
        throttle.recordFailure(QStringLiteral("a@example.com"), QStringLiteral("192.0.2.9"));
        QCOMPARE(throttle.retryAfter(QStringLiteral("a@example.com"), QStringLiteral("192.0.2.9")), 0);
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "tst_login_throttle.moc"
