#include "api/CorsPolicy.h"

#include "protocol/Headers.h"
#include "protocol/Messages.h"

namespace tickets::server {

namespace {
const QByteArray kAllowedMethods = QByteArrayLiteral("GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD");
const QByteArray kExposedHeaders = QByteArray(protocol::header::totalCount) + ", " +
                                   protocol::header::totalCountCapped + ", " + protocol::header::requestId + ", " +
                                   protocol::header::lastSeq + ", " + protocol::header::nextCursor + ", " +
                                   protocol::header::link + ", " + protocol::header::etag;
const QByteArray kMaxAge = QByteArrayLiteral("600");
} // namespace

CorsPolicy::CorsPolicy(const CorsSettings &settings)
    : m_settings(settings), m_regex(QRegularExpression::anchoredPattern(settings.originRegex))
{}

bool CorsPolicy::isAllowed(const QByteArray &origin) const
{
    if (origin.isEmpty())
        return false;
    if (m_settings.allowAll)
        return true;
    const QString text = QString::fromUtf8(origin);
    return m_settings.origins.contains(text) || m_regex.match(text).hasMatch();
}

http::HeaderList CorsPolicy::responseHeaders(const QByteArray &origin) const
{
    http::HeaderList headers{{QByteArrayLiteral("Vary"), QByteArrayLiteral("Origin")}};
    if (isAllowed(origin)) {
        // Credentials are allowed, so the origin is echoed: never "*".
        headers.append({QByteArrayLiteral("Access-Control-Allow-Origin"), origin});
        headers.append({QByteArrayLiteral("Access-Control-Allow-Credentials"), QByteArrayLiteral("true")});
        headers.append({QByteArrayLiteral("Access-Control-Expose-Headers"), kExposedHeaders});
    }
    return headers;
}

bool CorsPolicy::isPreflight(const QByteArray &method, const QByteArray &origin, const QByteArray &requestMethod)
{
    return method == "OPTIONS" && !origin.isEmpty() && !requestMethod.isEmpty();
}

CorsPolicy::Preflight CorsPolicy::preflight(const QByteArray &origin, const QByteArray &requestMethod,
                                            const QByteArray &requestHeaders) const
{
    http::HeaderList headers{{QByteArrayLiteral("Vary"), QByteArrayLiteral("Origin")},
                             {QByteArrayLiteral("Access-Control-Allow-Methods"), kAllowedMethods},
                             {QByteArrayLiteral("Access-Control-Max-Age"), kMaxAge}};
    if (!requestHeaders.isEmpty())
        headers.append({QByteArrayLiteral("Access-Control-Allow-Headers"), requestHeaders});
    if (!isAllowed(origin))
        return {400, headers, protocol::msg::corsOrigin};
    headers.append({QByteArrayLiteral("Access-Control-Allow-Origin"), origin});
    headers.append({QByteArrayLiteral("Access-Control-Allow-Credentials"), QByteArrayLiteral("true")});
    const QList<QByteArray> methods = kAllowedMethods.split(',');
    bool methodAllowed = false;
    for (const QByteArray &m : methods)
        methodAllowed = methodAllowed || m.trimmed() == requestMethod.trimmed().toUpper();
    if (!methodAllowed)
        return {400, headers, protocol::msg::corsMethod};
    return {200, headers, QJsonValue()};
}

} // namespace tickets::server
