#include "redis/UpstashClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <future>
#include <variant>

namespace tickets::server {

using Outcome = std::variant<RedisReply, QString>; // the reply, or why there is none

class UpstashTransport : public QObject
{
public:
    UpstashTransport(const RedisSettings &settings) : m_url(settings.upstashUrl), m_token(settings.upstashToken) {}

    void post(const QByteArray &body, int timeoutMs, std::shared_ptr<std::promise<Outcome>> promise)
    {
        if (!m_manager)
            m_manager = new QNetworkAccessManager(this); // created in the transport thread
        QNetworkRequest request(m_url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
        request.setTransferTimeout(timeoutMs);
        QNetworkReply *reply = m_manager->post(request, body);
        connect(reply, &QNetworkReply::finished, this, [reply, promise] {
            reply->deleteLater();
            const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
            if (answer.contains(QStringLiteral("error"))) {
                RedisReply error;
                error.type = RedisReply::Type::Error;
                error.string = answer.value(QStringLiteral("error")).toString().toUtf8();
                // 401/403: a wrong token is a configuration problem, reported like an outage.
                const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (status == 401 || status == 403)
                    promise->set_value(QStringLiteral("Upstash: ") + QString::fromUtf8(error.string));
                else
                    promise->set_value(error);
            } else if (reply->error() != QNetworkReply::NoError || !answer.contains(QStringLiteral("result"))) {
                promise->set_value(QStringLiteral("Upstash: ") + reply->errorString());
            } else {
                promise->set_value(UpstashClient::fromJson(answer.value(QStringLiteral("result"))));
            }
        });
    }

private:
    QUrl m_url;
    QString m_token;
    QNetworkAccessManager *m_manager = nullptr;
};

UpstashClient::UpstashClient(const RedisSettings &settings, int timeoutMs)
    : m_transport(new UpstashTransport(settings)), m_timeoutMs(timeoutMs)
{
    m_thread.setObjectName(QStringLiteral("upstash"));
    m_transport->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_transport, &QObject::deleteLater);
    m_thread.start();
}

UpstashClient::~UpstashClient()
{
    m_thread.quit();
    m_thread.wait();
}

RedisReply UpstashClient::fromJson(const QJsonValue &value)
{
    RedisReply reply;
    if (value.isString()) {
        reply.type = RedisReply::Type::String;
        reply.string = value.toString().toUtf8();
    } else if (value.isDouble()) {
        reply.type = RedisReply::Type::Integer;
        reply.integer = value.toInteger();
    } else if (value.isArray()) {
        reply.type = RedisReply::Type::Array;
        for (const QJsonValue &element : value.toArray())
            reply.elements.append(fromJson(element));
    }
    return reply; // null: Nil
}

RedisReply UpstashClient::command(const QList<QByteArray> &arguments)
{
    QJsonArray array;
    for (const QByteArray &argument : arguments)
        array.append(QString::fromUtf8(argument));
    const QByteArray body = QJsonDocument(array).toJson(QJsonDocument::Compact);
    // A blocking command (BLMOVE … 1) waits on the server side too.
    int timeout = m_timeoutMs;
    if (!arguments.isEmpty() && arguments.first().toUpper().startsWith('B'))
        timeout += arguments.last().toInt() * 1000;
    auto promise = std::make_shared<std::promise<Outcome>>();
    std::future<Outcome> future = promise->get_future();
    UpstashTransport *transport = m_transport;
    QMetaObject::invokeMethod(
        transport, [transport, body, timeout, promise] { transport->post(body, timeout, promise); },
        Qt::QueuedConnection);
    if (future.wait_for(std::chrono::milliseconds(timeout + 500)) != std::future_status::ready)
        throw RedisUnavailable(QStringLiteral("Upstash: no answer in %1 ms").arg(timeout));
    Outcome outcome = future.get();
    if (auto *reason = std::get_if<QString>(&outcome))
        throw RedisUnavailable(*reason);
    return std::get<RedisReply>(outcome);
}

} // namespace tickets::server
