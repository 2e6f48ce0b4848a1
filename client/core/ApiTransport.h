#pragma once
// The HTTP exchange behind ApiClient, as one small interface: ApiClient decides what to send
// (method, path, headers, JSON body) and reads what came back; a transport only moves the
// bytes. NetworkTransport does it with QNetworkAccessManager; the unit tests answer from JSON
// fixtures instead (tests/support/FixtureTransport), so every model runs in-process.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QNetworkAccessManager>
#include <QString>
#include <QUrl>

#include <functional>
#include <utility>

class QObject;

namespace tickets::client {

struct ApiRequest
{
    QUrl server;          // the base URL: scheme, host, port and any path prefix
    QByteArray method;    // GET, POST, PATCH, DELETE
    QString pathAndQuery; // "/tickets?skip=0&limit=100", percent-encoded
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body; // JSON, or empty

    QByteArray header(const QByteArray &name) const; // case-insensitive; empty when absent
    QString path() const { return pathAndQuery.section(u'?', 0, 0); }
    QString query() const { return pathAndQuery.section(u'?', 1); }
};

struct ApiReply
{
    int status = 0; // 0: no answer at all (see networkError)
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QString networkError;
    double elapsedMs = 0; // the whole exchange, as the client saw it

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

class ApiTransport
{
public:
    using Done = std::function<void(const ApiReply &)>;
    virtual ~ApiTransport() = default;
    // Sends `request` and later calls `done` once, on the event loop, unless `context` was
    // destroyed first (a view that closed never hears back).
    virtual void send(const ApiRequest &request, QObject *context, Done done) = 0;
};

// The real one: asynchronous, with a transfer timeout.
class NetworkTransport : public ApiTransport
{
public:
    explicit NetworkTransport(int timeoutMs = 15000);
    void send(const ApiRequest &request, QObject *context, Done done) override;

private:
    QNetworkAccessManager m_network;
    int m_timeoutMs;
};

} // namespace tickets::client
