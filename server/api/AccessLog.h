#pragma once
// One log line per request (tickets.http.access): method, path and query without secrets,
// status, milliseconds and the request id.

#include "http/Message.h"

namespace tickets::server {

class AccessLog
{
public:
    explicit AccessLog(bool enabled) : m_enabled(enabled) {}

    void record(const http::Request &request, int status, double milliseconds, const QByteArray &requestId,
                const char *note = nullptr) const;

    // The path and query as logged: values a client may put secrets in are masked.
    static QString loggablePath(const http::Request &request);

private:
    bool m_enabled;
};

// The request's id: the caller's own X-Request-ID when it is short and plain, else a new one.
QByteArray requestIdFor(const http::Request &request);

} // namespace tickets::server
