#include "http/Message.h"

#include "http/Logging.h"

namespace tickets::server::http {

QByteArray Request::header(const QByteArray &name) const
{
    const QByteArray lower = name.toLower();
    for (const auto &[key, value] : headers) {
        if (key == lower)
            return value;
    }
    return {};
}

bool Request::asksForWebSocket() const
{
    return header("connection").toLower().contains("upgrade") &&
           header("upgrade").compare("websocket", Qt::CaseInsensitive) == 0;
}

QByteArray Response::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value.isNull() ? QByteArray("") : value;
    }
    return {};
}

void Response::setHeader(const QByteArray &name, const QByteArray &value)
{
    headers.removeIf([&](const auto &header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
    headers.append({name, value});
}

void Response::addHeader(const QByteArray &name, const QByteArray &value)
{
    headers.append({name, value});
}

namespace {
bool isSafeHeaderText(const QByteArray &text)
{
    return !text.contains('\r') && !text.contains('\n') && !text.contains('\0');
}
} // namespace

QByteArray serialize(const Response &response, bool head)
{
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    if (!response.contentType.isEmpty())
        bytes += "Content-Type: " + response.contentType + "\r\n";
    for (const auto &[name, value] : response.headers) {
        if (!isSafeHeaderText(name) || !isSafeHeaderText(value)) {
            qCWarning(lcHttp).noquote() << "header" << QString::fromLatin1(name.left(64).toPercentEncoding())
                                        << "left out: its value could split the response";
            continue;
        }
        bytes += name + ": " + value + "\r\n";
    }
    if (!response.stream)
        bytes += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    bytes += "\r\n";
    if (!head)
        bytes += response.body;
    return bytes;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 204: return "No Content";
    case 307: return "Temporary Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 422: return "Unprocessable Entity";
    case 426: return "Upgrade Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

} // namespace tickets::server::http
