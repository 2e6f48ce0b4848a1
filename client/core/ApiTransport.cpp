#include "core/ApiTransport.h"

#include <QElapsedTimer>
#include <QNetworkReply>

namespace tickets::client {

QByteArray ApiRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

NetworkTransport::NetworkTransport(int timeoutMs) : m_timeoutMs(timeoutMs)
{
    m_network.setAutoDeleteReplies(true);
}

void NetworkTransport::send(const ApiRequest &request, QObject *context, Done done)
{
    QUrl url = request.server;
    url.setPath(request.server.path() + request.path());
    if (request.pathAndQuery.contains(u'?'))
        url.setQuery(request.query(), QUrl::StrictMode);
    QNetworkRequest outgoing(url);
    outgoing.setTransferTimeout(m_timeoutMs);
    for (const auto &[name, value] : request.headers)
        outgoing.setRawHeader(name, value);
    QElapsedTimer timer;
    timer.start();
    QNetworkReply *reply = m_network.sendCustomRequest(outgoing, request.method, request.body);
    // The reply deletes itself (setAutoDeleteReplies); bound to `context`, so nobody hears
    // back once it is gone.
    QObject::connect(reply, &QNetworkReply::finished, context ? context : &m_network, [reply, done, timer] {
        ApiReply result;
        result.elapsedMs = timer.nsecsElapsed() / 1e6;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            result.headers.insert(name.toLower(), value);
        if (result.status == 0)
            result.networkError = reply->errorString();
        done(result);
    });
}

} // namespace tickets::client
