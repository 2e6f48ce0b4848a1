#include "http/HttpError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tickets::server {

QHttpServerResponse jsonResponse(const QJsonValue &body, int status)
{
    const QByteArray bytes = body.isArray() ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                                            : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    return QHttpServerResponse(QByteArrayLiteral("application/json"), bytes,
                               static_cast<QHttpServerResponse::StatusCode>(status));
}

QHttpServerResponse jsonResponse(const QByteArray &json, int status)
{
    return QHttpServerResponse(QByteArrayLiteral("application/json"), json, static_cast<QHttpServerResponse::StatusCode>(status));
}

QHttpServerResponse errorResponse(int status, const QJsonValue &detail)
{
    return jsonResponse(QJsonObject{{QStringLiteral("detail"), detail}}, status);
}

QHttpServerResponse HttpError::toResponse() const
{
    QHttpServerResponse response = errorResponse(m_status, m_detail);
    for (const auto &[name, value] : m_headers)
        response.setHeader(name, value);
    return response;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 307: return "Temporary Redirect";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 422: return "Unprocessable Entity";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

} // namespace tickets::server
