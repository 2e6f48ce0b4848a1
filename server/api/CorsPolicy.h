#pragma once
// Which browser origins may call the API, and the headers that tell the browser so
// (Starlette's CORSMiddleware semantics, which the web frontend was built against).

#include "config/Config.h"
#include "http/Message.h"

#include <QJsonValue>
#include <QRegularExpression>

namespace tickets::server {

class CorsPolicy
{
public:
    explicit CorsPolicy(const CorsSettings &settings);

    bool isAllowed(const QByteArray &origin) const;

    // Headers for an ordinary response: always Vary, the allow-* ones only for an allowed origin.
    http::HeaderList responseHeaders(const QByteArray &origin) const;

    struct Preflight
    {
        int status;
        http::HeaderList headers;
        QJsonValue detail; // null when allowed
    };
    static bool isPreflight(const QByteArray &method, const QByteArray &origin, const QByteArray &requestMethod);
    Preflight preflight(const QByteArray &origin, const QByteArray &requestMethod,
                        const QByteArray &requestHeaders) const;

    const CorsSettings &settings() const { return m_settings; }

private:
    CorsSettings m_settings;
    QRegularExpression m_regex;
};

} // namespace tickets::server
