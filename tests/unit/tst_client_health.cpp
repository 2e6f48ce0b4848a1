// HealthMonitor in-process: what the admins' panel reads from /health (typed figures, the
// round trip, the server's own latencies), the minutes of history it keeps, and a server that
// does not answer.

#include "ClientFixtures.h"
#include "core/HealthMonitor.h"

#include <QSignalSpy>
#include <QTest>

using namespace tickets;
using namespace tickets::client;
using namespace tickets::test;

class TestClientHealth : public QObject
{
    Q_OBJECT
    std::unique_ptr<ClientRig> rig;

private Q_SLOTS:
    void init() { rig = std::make_unique<ClientRig>(); }

    void cleanup()
    {
        const QString unanswered = rig->unanswered();
        rig.reset();
        QVERIFY2(unanswered.isEmpty(), qPrintable(unanswered));
    }

    void eachPollIsASampleOfTheHistory()
    {
        FixtureReply admin = FixtureReply::load("health_admin");
        admin.elapsedMs = 4.5;
        rig->transport.on("GET", "/health", admin);
        FixtureReply degraded = FixtureReply::load("health_redis_down");
        degraded.elapsedMs = 7.25;
        rig->transport.on("GET", "/health", degraded);
        HealthMonitor monitor(rig->api);
        QSignalSpy updated(&monitor, &HealthMonitor::updated);
        monitor.poll();
        QTRY_COMPARE(updated.size(), 1);
        QVERIFY(monitor.last());
        QCOMPARE(monitor.last()->roundTripMs, 4.5);
        QCOMPARE(monitor.last()->figures->workersAlive, 1);
        QCOMPARE(monitor.history().size(), 1);
        QCOMPARE(monitor.history().first().roundTripMs, 4.5);
        QCOMPARE(monitor.history().first().databaseMs, 0.8);
        QCOMPARE(monitor.history().first().redisMs, 0.3);

        monitor.poll();
        QTRY_COMPARE(updated.size(), 2);
        QCOMPARE(monitor.history().size(), 2);
        QCOMPARE(monitor.history().last().roundTripMs, 7.25);
        QCOMPARE(monitor.history().last().redisMs, -1.0); // Redis down: no point drawn, not a zero
        QCOMPARE(monitor.last()->redis, QStringLiteral("error: Connection refused"));
    }

    void startPollsAtOnceAndStopStops()
    {
        rig->transport.on("GET", "/health", "health_admin");
        HealthMonitor monitor(rig->api);
        QSignalSpy updated(&monitor, &HealthMonitor::updated);
        monitor.start(20);
        QTRY_COMPARE(updated.size(), 1);
        QTRY_VERIFY(updated.size() >= 3); // and again every interval
        monitor.stop();
        const qsizetype asked = rig->transport.requests().size();
        QTest::qWait(60);
        QCOMPARE(rig->transport.requests().size(), asked);
    }

    void aServerThatDoesNotAnswerLeavesNoStaleFigures()
    {
        rig->transport.on("GET", "/health", "health_admin");
        rig->transport.on("GET", "/health", FixtureReply::unreachable(QStringLiteral("Connection refused")));
        HealthMonitor monitor(rig->api);
        QSignalSpy failed(&monitor, &HealthMonitor::failed);
        QSignalSpy updated(&monitor, &HealthMonitor::updated);
        monitor.poll();
        QTRY_COMPARE(updated.size(), 1);
        monitor.poll();
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("Connection refused"));
        QCOMPARE(updated.size(), 2); // the panel redraws, with nothing to show
        QVERIFY(!monitor.last());
        QCOMPARE(monitor.history().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestClientHealth)
#include "tst_client_health.moc"
