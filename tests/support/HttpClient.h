#pragma once
// A blocking HTTP client for tests (QNetworkAccessManager driven by a local event loop).

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QNetworkAccessManager>
#include <QUrl>

namespace tickets::test {

struct HttpReply
{
    int status = 0;                        // 0: no answer (connection refused, timeout)
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    QString error;

    QJsonValue json() const;
    QJsonObject object() const { return json().toObject(); }
    QJsonArray array() const { return json().toArray(); }
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

class HttpClient
{
public:
    explicit HttpClient(QUrl base) : m_base(std::move(base)) {}
    // Sent as "Authorization: Bearer" with every request from now on (empty: none).
    void setToken(const QByteArray &token) { m_token = token; }

    HttpReply get(const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    HttpReply post(const QString &path, const QJsonValue &body);
    HttpReply patch(const QString &path, const QJsonValue &body = QJsonValue::Undefined);
    HttpReply del(const QString &path);
    HttpReply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                   const QList<QPair<QByteArray, QByteArray>> &headers = {}, int timeoutMs = 20000);

private:
    QUrl m_base;
    QByteArray m_token;
    QNetworkAccessManager m_manager;
};

QByteArray toJsonBytes(const QJsonValue &value);

} // namespace tickets::test
