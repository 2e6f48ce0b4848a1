#pragma once
// What went wrong, as a kind rather than a status code: the server's domain and storage layers
// throw kinds, one place (server/api/ErrorMapping) turns them into an HTTP status and body, and
// the desktop client reads a status back into the same kind.

#include <QJsonValue>

#include <exception>
#include <optional>
#include <string>

namespace tickets::protocol {

enum class ErrorKind {
    BadRequest,         // 400: a request that cannot be served as sent
    Unauthenticated,    // 401: no valid token
    Forbidden,          // 403: the role does not allow it
    NotFound,           // 404: absent, or not visible to the caller
    Conflict,           // 409: the state does not allow it now
    PreconditionFailed, // 412: If-Match no longer holds
    Invalid,            // 422: input that breaks a rule (detail is the list of field errors)
    TooManyRequests,    // 429: throttled (retryAfter says for how long)
    Unavailable,        // 503: a dependency is down or too busy
    Internal,           // 500: a bug
};

int httpStatus(ErrorKind kind);
// The kind of an error status the server answered; Internal for an unknown 5xx,
// BadRequest for an unknown 4xx.
ErrorKind errorKindOfStatus(int status);

// A failure with its kind and the FastAPI-shaped `detail` a person reads (a Spanish message,
// or the list of field errors of a 422).
class Error : public std::exception
{
public:
    Error(ErrorKind kind, QJsonValue detail, std::optional<int> retryAfterSeconds = std::nullopt);

    static Error badRequest(const QString &detail) { return Error(ErrorKind::BadRequest, detail); }
    static Error unauthenticated(const QString &detail = {});
    static Error forbidden(const QString &detail) { return Error(ErrorKind::Forbidden, detail); }
    static Error notFound(const QString &detail) { return Error(ErrorKind::NotFound, detail); }
    static Error invalid(const QJsonValue &fieldErrors) { return Error(ErrorKind::Invalid, fieldErrors); }
    static Error tooManyRequests(const QString &detail, int retryAfterSeconds)
    {
        return Error(ErrorKind::TooManyRequests, detail, retryAfterSeconds);
    }
    static Error unavailable(const QString &detail = {});
    // Too many writes already wait: 503 with Retry-After, for the client to try again soon.
    static Error busy();

    ErrorKind kind() const { return m_kind; }
    const QJsonValue &detail() const { return m_detail; }
    const std::optional<int> &retryAfterSeconds() const { return m_retryAfter; }
    const char *what() const noexcept override { return m_what.c_str(); }

private:
    ErrorKind m_kind;
    QJsonValue m_detail;
    std::optional<int> m_retryAfter;
    std::string m_what;
};

} // namespace tickets::protocol
