#pragma once
// A real tickets-worker on a test's database and Redis; stopped with SIGTERM when the object
// goes away, or killed outright.

#include <QByteArray>
#include <QProcess>
#include <QString>

namespace tickets::test {

class WorkerProcess
{
public:
    WorkerProcess(const QString &databaseUrl, int redisPort);
    ~WorkerProcess() { terminate(); }

    int terminate(); // SIGTERM, then its exit code
    void kill();     // SIGKILL
    QByteArray log();

private:
    QProcess m_process;
    QByteArray m_log;
};

} // namespace tickets::test
