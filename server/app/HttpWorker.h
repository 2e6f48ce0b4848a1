#pragma once
// One event-loop thread serving HTTP on its own SO_REUSEPORT socket with its own PostgreSQL and
// Redis connections: requests never wait on another thread's database round trip.

#include "config/Config.h"

#include <QElapsedTimer>
#include <QThread>

#include <atomic>

namespace tickets::server {

class CorsPolicy;
namespace http {
class LiveSink;
}

class HttpWorker : public QThread
{
    Q_OBJECT
public:
    HttpWorker(int index, const Config &config, const CorsPolicy &cors, int listenDescriptor,
               std::atomic<int> &liveConnections, const QElapsedTimer &uptime, http::LiveSink *liveSink,
               const std::atomic<int> &liveClients, QObject *parent = nullptr);

protected:
    void run() override;

private:
    int m_index;
    const Config &m_config;
    const CorsPolicy &m_cors;
    int m_descriptor;
    std::atomic<int> &m_live;
    const QElapsedTimer &m_uptime;
    http::LiveSink *m_liveSink;
    const std::atomic<int> &m_liveClients;
};

} // namespace tickets::server
