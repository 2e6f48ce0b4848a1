#include "WorkerProcess.h"

#include <QProcessEnvironment>

#include <csignal>

namespace tickets::test {

WorkerProcess::WorkerProcess(const QString &databaseUrl, int redisPort, const QMap<QString, QString> &environment)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("SUPABASE_DB_URL", databaseUrl);
    env.insert("REDIS_HOST", "127.0.0.1");
    env.insert("REDIS_PORT", QString::number(redisPort));
    env.insert("TICKETS_WORKER_STALE_S", "2");
    env.insert("TICKETS_DB_CONNECT_TIMEOUT_S", "2");
    for (auto it = environment.begin(); it != environment.end(); ++it)
        env.insert(it.key(), it.value());
    m_process.setProcessEnvironment(env);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(qEnvironmentVariable("TICKETS_WORKER_BIN"), {});
    m_process.waitForStarted();
}

int WorkerProcess::terminate()
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitCode();
    m_process.terminate();
    m_process.waitForFinished(15000);
    return m_process.exitCode();
}

void WorkerProcess::kill()
{
    ::kill(static_cast<pid_t>(m_process.processId()), SIGKILL);
    m_process.waitForFinished();
}

QByteArray WorkerProcess::log()
{
    m_log += m_process.readAll();
    return m_log;
}

} // namespace tickets::test
