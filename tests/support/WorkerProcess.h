#pragma once
// A real tickets-worker on a test's database and Redis; stopped with SIGTERM when the object
// goes away, or killed outright.

#include <QByteArray>
#include <QMap>
#include <QProcess>
#include <QString>

namespace tickets::test {

class WorkerProcess
{
public:
    // `environment`: more variables, or other values for the defaults.
    WorkerProcess(const QString &databaseUrl, int redisPort, const QMap<QString, QString> &environment = {});
    ~WorkerProcess() { terminate(); }

    int terminate(); // SIGTERM, then its exit code
    void kill();     // SIGKILL
    QByteArray log();

private:
    QProcess m_process;
    QByteArray m_log;
};

} // namespace tickets::test
