#pragma once
// What every thread of one server process shares: the configuration, the CORS policy, the
// process-wide figures /health shows, where long-lived connections go, and how committed
// outbox rows wake the relay.

#include "api/CorsPolicy.h"
#include "auth/SessionMemo.h"
#include "config/Config.h"
#include "http/ConnectionCounter.h"
#include "storage/OutboxWakeup.h"

#include <QElapsedTimer>

#include <atomic>

namespace tickets::server {

namespace http {
class LiveSink;
}
class WritePool;

struct ServerRuntime
{
    explicit ServerRuntime(const Config &configuration) : config(configuration), cors(configuration.cors)
    {
        uptime.start();
    }

    const Config &config;
    const CorsPolicy cors;
    QElapsedTimer uptime;
    http::ConnectionCounter connections; // open TCP connections, in all and per address
    std::atomic<int> liveClients{0};     // WebSocket and event-stream clients (LiveHub)
    http::LiveSink *liveSink = nullptr;
    WritePool *writePool = nullptr; // null: writes run on the event-loop threads
    OutboxWakeup outboxWakeup;
    SessionMemo sessionMemo; // validated sessions, for every REST thread (SessionMemoFeed keeps it true)
};

} // namespace tickets::server
