#pragma once
// One event-loop thread serving HTTP on its own SO_REUSEPORT socket with its own PostgreSQL and
// Redis connections: requests never wait on another thread's database round trip.

#include <QThread>

namespace tickets::server {

struct ServerRuntime;

class HttpWorker : public QThread
{
    Q_OBJECT
public:
    HttpWorker(int index, ServerRuntime &runtime, int listenDescriptor, QObject *parent = nullptr);

protected:
    void run() override;

private:
    int m_index;
    ServerRuntime &m_runtime;
    int m_descriptor;
};

} // namespace tickets::server
