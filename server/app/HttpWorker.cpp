#include "app/HttpWorker.h"

#include "api/AccessLog.h"
#include "api/CorsPolicy.h"
#include "app/Api.h"
#include "app/ApiHandler.h"
#include "app/Logging.h"
#include "http/GuardedTcpServer.h"
#include "http/HttpServer.h"
#include "redis/RedisClient.h"
#include "storage/Database.h"

namespace tickets::server {

HttpWorker::HttpWorker(int index, const Config &config, const CorsPolicy &cors, int listenDescriptor,
                       std::atomic<int> &liveConnections, const QElapsedTimer &uptime, http::LiveSink *liveSink,
                       const std::atomic<int> &liveClients, QObject *parent)
    : QThread(parent), m_index(index), m_config(config), m_cors(cors), m_descriptor(listenDescriptor),
      m_live(liveConnections), m_uptime(uptime), m_liveSink(liveSink), m_liveClients(liveClients)
{
    setObjectName(QStringLiteral("http-%1").arg(index));
}

void HttpWorker::run()
{
    Database database(m_config.database, QStringLiteral("http-%1").arg(m_index));
    database.open(); // warm up; a failure here is retried by the first request
    const auto redis = RedisClient::create(m_config.redis);
    Api api(database, *redis, m_config, m_cors, m_uptime, m_liveClients);
    const AccessLog accessLog(m_config.http.accessLog);
    ApiHandler handler(api.router(), api.authenticator(), m_cors, accessLog);
    http::HttpServer server(handler, m_liveSink);
    const CorsPolicy &cors = m_cors;
    auto *tcp = new http::GuardedTcpServer(
        m_config.http.limits, [&cors](const QByteArray &origin) { return cors.responseHeaders(origin); }, m_live);
    if (!tcp->setSocketDescriptor(m_descriptor)) {
        qCCritical(lcServer) << "worker" << m_index << "cannot adopt its listening socket:" << tcp->errorString();
        delete tcp;
        return;
    }
    server.bind(tcp); // takes ownership
    exec();
}

} // namespace tickets::server
