#include "ServerProcess.h"

#include "HttpClient.h"
#include "TestEnvironment.h"

#include <QDeadlineTimer>
#include <QProcessEnvironment>
#include <QTest>
#include <QThread>

namespace tickets::test {

namespace {
QProcessEnvironment baseEnvironment(const QMap<QString, QString> &extra)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys()) {
        if (key.startsWith(QLatin1String("SUPABASE_")) || key.startsWith(QLatin1String("REDIS_")) ||
            key.startsWith(QLatin1String("UPSTASH_")) || key.startsWith(QLatin1String("API_")) ||
            key.startsWith(QLatin1String("CORS_")) || key == QLatin1String("PORT") ||
            key == QLatin1String("AUTH_REQUIRED"))
            env.remove(key);
    }
    // The contract's suites run against the open switch; tst_auth turns authentication on.
    env.insert(QStringLiteral("AUTH_REQUIRED"), QStringLiteral("false"));
    env.insert(QStringLiteral("REDIS_HOST"), QStringLiteral("127.0.0.1"));
    env.insert(QStringLiteral("REDIS_PORT"), QString::number(TestEnvironment::redisPort()));
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        env.insert(it.key(), it.value());
    return env;
}
} // namespace

ServerProcess::~ServerProcess()
{
    stop();
}

bool ServerProcess::start(const QString &databaseUrl, const QMap<QString, QString> &extraEnvironment,
                          const QStringList &arguments, const QString &wrapper)
{
    m_port = freePort();
    QMap<QString, QString> extra = extraEnvironment;
    extra.insert(QStringLiteral("SUPABASE_DB_URL"), databaseUrl);
    extra.insert(QStringLiteral("API_HOST"), QStringLiteral("127.0.0.1"));
    extra.insert(QStringLiteral("API_PORT"), QString::number(m_port));
    m_process.setProcessEnvironment(baseEnvironment(extra));
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setWorkingDirectory(TestEnvironment::dataDir());
    m_arguments = arguments;
    m_wrapper = wrapper;
    return launch();
}

bool ServerProcess::restart()
{
    stop();
    return launch();
}

bool ServerProcess::launch()
{
    const qsizetype logged = m_log.size();
    if (m_wrapper.isEmpty()) {
        m_process.start(TestEnvironment::serverBinary(), m_arguments);
    } else {
        // e.g. "ulimit -n 64; exec \"$0\" \"$@\"": limits applied to the server alone.
        m_process.start(QStringLiteral("/bin/sh"),
                        QStringList{QStringLiteral("-c"), m_wrapper, TestEnvironment::serverBinary()} + m_arguments);
    }
    if (!m_process.waitForStarted(5000))
        return false;
    return waitListening(logged);
}

bool ServerProcess::waitListening(qsizetype from)
{
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        m_process.waitForReadyRead(100);
        m_log += m_process.readAll();
        if (m_log.indexOf("listening on", from) >= 0) {
            m_listening = true;
            return true;
        }
        if (m_process.state() != QProcess::Running)
            break;
    }
    qWarning().noquote() << "server did not start:\n" << m_log;
    return false;
}

void ServerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning) {
        // A server that was listening and is gone without being asked has crashed.
        if (m_listening && (m_process.exitStatus() != QProcess::NormalExit || m_process.exitCode() != 0)) {
            m_listening = false;
            qFatal("tickets-server died during the test (exit %d):\n%s", m_process.exitCode(),
                   QByteArray(m_log + m_process.readAll()).right(20000).constData());
        }
        m_listening = false;
        return;
    }
    m_listening = false;
    m_process.terminate();
    if (!m_process.waitForFinished(15000)) {
        qWarning() << "server ignored SIGTERM; killing it";
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    m_log += m_process.readAll();
    // A server that reported a memory error, leaked, or did not stop cleanly fails the suite,
    // whichever test happened to drive it.
    const bool sanitizerReport = m_log.contains("ERROR: AddressSanitizer") || m_log.contains("ERROR: LeakSanitizer") ||
                                 m_log.contains("runtime error:");
    if (sanitizerReport || m_process.exitStatus() != QProcess::NormalExit || m_process.exitCode() != 0)
        qFatal("tickets-server did not stop cleanly (exit %d):\n%s", m_process.exitCode(),
               m_log.right(20000).constData());
}

QUrl ServerProcess::url(const QString &pathAndQuery) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(pathAndQuery));
}

QByteArray ServerProcess::log()
{
    m_log += m_process.readAll();
    return m_log;
}

ServerProcess::Outcome ServerProcess::run(const QStringList &arguments, const QMap<QString, QString> &environment,
                                          int timeoutMs, const QByteArray &input)
{
    QProcess process;
    QProcessEnvironment env = baseEnvironment(environment);
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(TestEnvironment::dataDir());
    process.start(TestEnvironment::serverBinary(), arguments);
    if (process.waitForStarted(5000)) {
        process.write(input);
        process.closeWriteChannel();
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {-1, process.readAll()};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAll()};
}

} // namespace tickets::test
