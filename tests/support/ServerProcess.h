#pragma once
// A real tickets-server process for a test: started with a given environment on a free port,
// its log captured, stopped with SIGTERM.

#include <QMap>
#include <QProcess>
#include <QString>
#include <QUrl>

namespace tickets::test {

class ServerProcess
{
public:
    ServerProcess() = default;
    ~ServerProcess();

    // Starts the server on `databaseUrl` and waits until it listens; false (with the log) otherwise.
    bool start(const QString &databaseUrl, const QMap<QString, QString> &extraEnvironment = {},
               const QStringList &arguments = {}, const QString &wrapper = {});
    void stop();
    // Starts it again as before, on the same port (a server restart as clients see it).
    bool restart();
    bool isRunning() const { return m_process.state() == QProcess::Running; }

    int port() const { return m_port; }
    QUrl url(const QString &pathAndQuery = QString()) const;
    QByteArray log(); // everything the server printed so far
    qint64 pid() const { return m_process.processId(); }
    int exitCode() const { return m_process.exitCode(); }

    // Runs the server binary to completion (for --help, --migrate-only, bad configuration, ...).
    struct Outcome
    {
        int exitCode;
        QByteArray output;
    };
    // `input` goes to its standard input.
    static Outcome run(const QStringList &arguments, const QMap<QString, QString> &environment, int timeoutMs = 30000,
                       const QByteArray &input = {});

private:
    bool launch();
    bool waitListening(qsizetype logFrom); // "listening on" printed after this log offset

    QProcess m_process;
    QByteArray m_log;
    int m_port = 0;
    bool m_listening = false; // started and not yet stopped on purpose
    QStringList m_arguments;
    QString m_wrapper;
};

} // namespace tickets::test
