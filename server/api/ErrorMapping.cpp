#include "api/ErrorMapping.h"

#include "api/Logging.h"
#include "api/Replies.h"
#include "protocol/Messages.h"
#include "storage/DatabaseErrors.h"

namespace tickets::server {

using protocol::Error;
using protocol::ErrorKind;
namespace msg = protocol::msg;

http::Response responseFor(const Error &error)
{
    http::Response response = errorResponse(protocol::httpStatus(error.kind()), error.detail());
    // RFC 6750: a 401 names the scheme; the same answer for a missing, bad or expired token.
    if (error.kind() == ErrorKind::Unauthenticated)
        response.setHeader("WWW-Authenticate", "Bearer");
    if (error.retryAfterSeconds())
        response.setHeader("Retry-After", QByteArray::number(*error.retryAfterSeconds()));
    return response;
}

http::Response responseForCurrentException(const QByteArray &requestId)
{
    const QString rid = QString::fromLatin1(requestId);
    try {
        throw;
    } catch (const Error &error) {
        return responseFor(error);
    } catch (const SqlError &error) {
        // A value PostgreSQL refused (class 22, or a NOT NULL column given none): the client's
        // data, not our fault, so never a 500 (unique and foreign-key cases are mapped by their callers).
        if (error.isRefusedValue()) {
            qCWarning(lcApi).noquote() << "request" << rid << "refused by PostgreSQL:" << error.message();
            return responseFor(Error::badRequest(msg::datoNoValido));
        }
        qCCritical(lcApi).noquote() << "request" << rid << "failed:" << error.message();
        return responseFor(Error(ErrorKind::Internal, msg::internalError));
    } catch (const DatabaseUnavailable &error) {
        qCWarning(lcApi).noquote() << "request" << rid << "answered 503:" << error.message();
        return responseFor(Error::unavailable());
    } catch (const std::exception &error) {
        qCCritical(lcApi).noquote() << "request" << rid << "failed:" << error.what();
        return responseFor(Error(ErrorKind::Internal, msg::internalError));
    }
}

} // namespace tickets::server
