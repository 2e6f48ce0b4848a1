#include "HttpClient.h"

#include <QBuffer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTimer>

namespace tickets::test {

QJsonValue HttpReply::json() const
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isArray())
        return document.array();
    if (document.isObject())
        return document.object();
    return QJsonValue::Undefined;
}

QByteArray toJsonBytes(const QJsonValue &value)
{
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

HttpReply HttpClient::get(const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return send("GET", path, {}, headers);
}

HttpReply HttpClient::post(const QString &path, const QJsonValue &body)
{
    return send("POST", path, toJsonBytes(body), {{"Content-Type", "application/json"}});
}

HttpReply HttpClient::patch(const QString &path, const QJsonValue &body)
{
    if (body.isUndefined())
        return send("PATCH", path);
    return send("PATCH", path, toJsonBytes(body), {{"Content-Type", "application/json"}});
}

HttpReply HttpClient::del(const QString &path)
{
    return send("DELETE", path);
}

HttpReply HttpClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
                           const QList<QPair<QByteArray, QByteArray>> &headers, int timeoutMs)
{
    QNetworkRequest request(QUrl(m_base.toString() + path));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QBuffer *buffer = nullptr;
    QNetworkReply *reply = nullptr;
    if (!body.isEmpty()) {
        buffer = new QBuffer;
        buffer->setData(body);
        buffer->open(QIODevice::ReadOnly);
        reply = m_manager.sendCustomRequest(request, method, buffer);
        buffer->setParent(reply);
    } else {
        reply = m_manager.sendCustomRequest(request, method);
    }
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, reply, &QNetworkReply::abort);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    loop.exec();

    HttpReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        result.headers.insert(name.toLower(), value);
    result.body = reply->readAll();
    if (reply->error() != QNetworkReply::NoError && result.status == 0)
        result.error = reply->errorString();
    reply->deleteLater();
    return result;
}

} // namespace tickets::test
