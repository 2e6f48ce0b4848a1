#include "api/Replies.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace tickets::server {

Response jsonResponse(const QJsonValue &body, int status)
{
    const QByteArray bytes = body.isArray() ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                                            : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    return Response(status, QByteArrayLiteral("application/json"), bytes);
}

Response jsonResponse(const QByteArray &json, int status)
{
    return Response(status, QByteArrayLiteral("application/json"), json);
}

Response errorResponse(int status, const QJsonValue &detail)
{
    return jsonResponse(QJsonObject{{QStringLiteral("detail"), detail}}, status);
}

QByteArray nextLink(const http::Request &request, const QByteArray &cursor)
{
    QUrlQuery query = request.query;
    query.removeAllQueryItems(QStringLiteral("skip"));
    query.removeAllQueryItems(QStringLiteral("cursor"));
    query.addQueryItem(QStringLiteral("cursor"), QString::fromLatin1(cursor));
    // Fully encoded: nothing the client sent can break out of the header value.
    return '<' + request.encodedPath + '?' + query.toString(QUrl::FullyEncoded).toLatin1() + ">; rel=\"next\"";
}

} // namespace tickets::server
