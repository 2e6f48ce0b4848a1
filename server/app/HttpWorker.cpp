#include "app/HttpWorker.h"

#include "api/AccessLog.h"
#include "api/CorsPolicy.h"
#include "app/Api.h"
#include "app/ApiHandler.h"
#include "app/Logging.h"
#include "app/ServerRuntime.h"
#include "app/WritePool.h"
#include "http/GuardedTcpServer.h"
#include "http/HttpServer.h"
#include "redis/RedisClient.h"
#include "storage/Database.h"

namespace tickets::server {

HttpWorker::HttpWorker(int index, ServerRuntime &runtime, int listenDescriptor, QObject *parent)
    : QThread(parent), m_index(index), m_runtime(runtime), m_descriptor(listenDescriptor)
{
    setObjectName(QStringLiteral("http-%1").arg(index));
}

void HttpWorker::run()
{
    const Config &config = m_runtime.config;
    Database database(config.database, QStringLiteral("http-%1").arg(m_index));
    database.open(); // warm up; a failure here is retried by the first request
    const auto redis = RedisClient::create(config.redis);
    Api api(database, *redis, m_runtime);
    const AccessLog accessLog(config.http.accessLog);
    WriteOffload offload;
    if (WritePool *pool = m_runtime.writePool)
        offload = [pool](const http::Request &request, const QByteArray &requestId) {
            return pool->submit(request, requestId);
        };
    ApiHandler handler(
        api.router(), api.authenticator(), m_runtime.cors, accessLog, [&database] { return database.roundTrips(); },
        std::move(offload));
    http::HttpServer server(handler, m_runtime.liveSink);
    const CorsPolicy &cors = m_runtime.cors;
    auto *tcp = new http::GuardedTcpServer(
        config.http.limits, [&cors](const QByteArray &origin) { return cors.responseHeaders(origin); },
        m_runtime.connections, AddressList(config.auth.trustedProxies));
    if (!tcp->setSocketDescriptor(m_descriptor)) {
        qCCritical(lcServer) << "worker" << m_index << "cannot adopt its listening socket:" << tcp->errorString();
        delete tcp;
        return;
    }
    server.listenOn(tcp); // takes ownership
    exec();
}

} // namespace tickets::server
