#pragma once
// RedisClient over Upstash's REST protocol: each command is a JSON array POSTed with
// "Authorization: Bearer <token>", answered {"result": …} or {"error": …}. The HTTP exchange
// runs on a small transport thread; the caller waits for it with a timeout (never a nested
// event loop, which would re-enter the server's handlers).

#include "redis/RedisClient.h"

#include <QThread>

namespace tickets::server {

class UpstashTransport;

class UpstashClient : public RedisClient
{
public:
    UpstashClient(const RedisSettings &settings, int timeoutMs);
    ~UpstashClient() override;

    RedisReply command(const QList<QByteArray> &arguments) override;

    // Decodes one {"result": …} value.
    static RedisReply fromJson(const QJsonValue &value);

private:
    QThread m_thread;
    UpstashTransport *m_transport;
    int m_timeoutMs;
};

} // namespace tickets::server
