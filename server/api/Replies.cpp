#include "api/Replies.h"

#include <QJsonDocument>
#include <QJsonObject>

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

} // namespace tickets::server
