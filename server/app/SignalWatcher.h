#pragma once
// Turns SIGINT and SIGTERM into a Qt signal on the main thread (self-pipe), so the server
// stops its threads and closes its connections instead of dying mid-request.

#include <QObject>

class QSocketNotifier;

namespace tickets::server {

class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signal);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace tickets::server
