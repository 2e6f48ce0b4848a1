#include "app/HttpWorker.h"

#include "app/Api.h"
#include "app/Logging.h"
#include "http/GuardedTcpServer.h"
#include "http/HttpServer.h"
#include "redis/RedisClient.h"
#include "storage/Database.h"

namespace tickets::server {

HttpWorker::HttpWorker(int index, const Config &config, const CorsPolicy &cors, int listenDescriptor,
                       std::atomic<int> &liveConnections, const QElapsedTimer &uptime, LiveHub *hub,
                       const std::atomic<int> &liveClients, QObject *parent)
    : QThread(parent), m_index(index), m_config(config), m_cors(cors), m_descriptor(listenDescriptor),
      m_live(liveConnections), m_uptime(uptime), m_hub(hub), m_liveClients(liveClients)
{
    setObjectName(QStringLiteral("http-%1").arg(index));
}

void HttpWorker::run()
{
    Database database(m_config.database, QStringLiteral("http-%1").arg(m_index));
    database.open(); // warm up; a failure here is retried by the first request
    const auto redis = RedisClient::create(m_config.redis);
    Api api(database, *redis, m_config.auth, m_cors, m_uptime, m_liveClients);
    HttpServer server(api.router(), api.authenticator(), m_cors, m_config.http.accessLog, m_hub);
    auto *tcp = new GuardedTcpServer(m_config.http.limits, m_cors, m_live);
    if (!tcp->setSocketDescriptor(m_descriptor)) {
        qCCritical(lcHttp) << "worker" << m_index << "cannot adopt its listening socket:" << tcp->errorString();
        delete tcp;
        return;
    }
    server.bind(tcp); // takes ownership
    exec();
}

} // namespace tickets::server
