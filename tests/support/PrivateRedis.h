#pragma once
// A Redis of a test's own (on a free port, under the test data folder), for tests that stop it,
// restart it or must not share the fixture's queue and channel with other suites. Stopped when
// the object goes away, also when a check fails.

#include "TestEnvironment.h"
#include "config/Config.h"

#include <QProcess>

namespace tickets::test {

class PrivateRedis
{
public:
    explicit PrivateRedis(const QString &name) : m_dir(TestEnvironment::dataDir() + u'/' + name), m_port(freePort())
    {
        m_running = run(QStringLiteral("redis-start"));
    }
    ~PrivateRedis() { run(QStringLiteral("redis-stop")); }

    bool isRunning() const { return m_running; }
    bool stop() { return run(QStringLiteral("redis-stop")); }
    bool start() { return run(QStringLiteral("redis-start")); }
    int port() const { return m_port; }
    QString portText() const { return QString::number(m_port); }
    server::RedisSettings settings() const { return settingsFor(m_port); }

    static server::RedisSettings settingsFor(int port)
    {
        server::RedisSettings settings;
        settings.host = QStringLiteral("127.0.0.1");
        settings.port = port;
        return settings;
    }

private:
    bool run(const QString &verb)
    {
        QProcess process;
        process.start(TestEnvironment::servicesScript(), {verb, m_dir, QString::number(m_port)});
        return process.waitForFinished(30000) && process.exitCode() == 0;
    }

    QString m_dir;
    int m_port;
    bool m_running = false;
};

} // namespace tickets::test
