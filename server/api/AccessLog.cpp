#include "api/AccessLog.h"

#include "api/Logging.h"
#include "protocol/Headers.h"

namespace tickets::server {

QByteArray requestIdFor(const http::Request &request)
{
    const QByteArray given = request.header(protocol::header::requestId);
    return protocol::isPlainRequestId(given) ? given : protocol::newRequestId();
}

QString AccessLog::loggablePath(const http::Request &request)
{
    QUrlQuery query = request.query;
    for (const QString &secret : {QString::fromLatin1(protocol::query::accessToken), QStringLiteral("token"),
                                  QStringLiteral("ticket"), QStringLiteral("password")}) {
        if (query.hasQueryItem(secret)) {
            query.removeAllQueryItems(secret);
            query.addQueryItem(secret, QStringLiteral("****"));
        }
    }
    const QString text = query.toString(QUrl::FullyEncoded);
    return QString::fromLatin1(request.encodedPath) + (text.isEmpty() ? QString() : u'?' + text);
}

void AccessLog::record(const http::Request &request, int status, double milliseconds, const QByteArray &requestId,
                       const char *note) const
{
    if (!m_enabled)
        return;
    QString line = QString::fromLatin1(request.method) + u' ' + loggablePath(request) + u' ' + QString::number(status);
    if (note)
        line += u' ' + QString::fromLatin1(note);
    qCInfo(lcAccess).noquote() << line << QString::number(milliseconds, 'f', 2) + QStringLiteral(" ms")
                               << QStringLiteral("rid=") + QString::fromLatin1(requestId);
}

} // namespace tickets::server
