#include "protocol/ErrorKind.h"

#include "protocol/Messages.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace tickets::protocol {

int httpStatus(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::BadRequest: return 400;
    case ErrorKind::Unauthenticated: return 401;
    case ErrorKind::Forbidden: return 403;
    case ErrorKind::NotFound: return 404;
    case ErrorKind::Conflict: return 409;
    case ErrorKind::PreconditionFailed: return 412;
    case ErrorKind::Invalid: return 422;
    case ErrorKind::TooManyRequests: return 429;
    case ErrorKind::Unavailable: return 503;
    case ErrorKind::Internal: return 500;
    }
    return 500;
}

ErrorKind errorKindOfStatus(int status)
{
    for (const ErrorKind kind :
         {ErrorKind::BadRequest, ErrorKind::Unauthenticated, ErrorKind::Forbidden, ErrorKind::NotFound,
          ErrorKind::Conflict, ErrorKind::PreconditionFailed, ErrorKind::Invalid, ErrorKind::TooManyRequests,
          ErrorKind::Unavailable, ErrorKind::Internal}) {
        if (httpStatus(kind) == status)
            return kind;
    }
    return status >= 500 ? ErrorKind::Internal : ErrorKind::BadRequest;
}

namespace {
std::string describe(ErrorKind kind, const QJsonValue &detail)
{
    const QByteArray text =
        detail.isString()
            ? detail.toString().toUtf8()
            : QJsonDocument(QJsonObject{{QStringLiteral("detail"), detail}}).toJson(QJsonDocument::Compact);
    return std::to_string(httpStatus(kind)) + ' ' + text.toStdString();
}
} // namespace

Error::Error(ErrorKind kind, QJsonValue detail, std::optional<int> retryAfterSeconds)
    : m_kind(kind), m_detail(std::move(detail)), m_retryAfter(retryAfterSeconds), m_what(describe(m_kind, m_detail))
{}

Error Error::unauthenticated(const QString &detail)
{
    return Error(ErrorKind::Unauthenticated, detail.isEmpty() ? msg::notAuthenticated : detail);
}

Error Error::busy()
{
    return Error(ErrorKind::Unavailable, msg::servidorOcupado, 1);
}

Error Error::unavailable(const QString &detail)
{
    return Error(ErrorKind::Unavailable, detail.isEmpty() ? msg::baseDeDatosNoDisponible : detail);
}

} // namespace tickets::protocol
