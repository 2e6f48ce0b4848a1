#include "api/Router.h"

#include "api/Replies.h"
#include "protocol/Messages.h"

namespace tickets::server {

namespace {
bool isParam(const QString &segment)
{
    return segment.startsWith(u'{') && segment.endsWith(u'}');
}

// Number of literal segments matched, or -1 when the pattern does not fit the path.
int score(const QStringList &pattern, const QStringList &path, QStringList *params)
{
    if (pattern.size() != path.size())
        return -1;
    int literals = 0;
    QStringList values;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        if (isParam(pattern[i])) {
            if (path[i].isEmpty())
                return -1;
            values << path[i];
        } else if (pattern[i] == path[i]) {
            ++literals;
        } else {
            return -1;
        }
    }
    if (params)
        *params = values;
    return literals;
}
} // namespace

void Router::add(const QByteArray &method, const char *pattern, Handler handler, RouteAccess access,
                 RouteExecution execution)
{
    const QString text = QString::fromLatin1(pattern);
    if (execution == RouteExecution::Default) {
        const bool changesState = method != "GET" && method != "HEAD" && method != "OPTIONS";
        execution = changesState ? RouteExecution::WritePool : RouteExecution::Inline;
    }
    m_routes.append({method, text, text.split(u'/'), std::move(handler), access, execution});
}

Router::Match Router::match(const QByteArray &method, const QString &path) const
{
    const QStringList segments = path.split(u'/');
    int best = -1;
    for (const Route &route : m_routes)
        best = qMax(best, score(route.segments, segments, nullptr));
    Match result;
    if (best < 0)
        return result;
    for (const Route &route : m_routes) {
        QStringList params;
        if (score(route.segments, segments, &params) != best)
            continue;
        // Only the best-fitting pattern counts; its methods are the allowed ones.
        if (!result.allowedMethods.contains(route.method))
            result.allowedMethods.append(route.method);
        if (route.method == method && !result.handler) {
            result.handler = &route.handler;
            result.access = route.access;
            result.execution = route.execution;
            result.params = params;
            for (const QString &segment : route.segments) {
                if (isParam(segment))
                    result.paramNames << segment.mid(1, segment.size() - 2);
            }
        }
    }
    return result;
}

Router::Resolution Router::resolve(const http::Request &request) const
{
    namespace msg = protocol::msg;
    Resolution resolution;
    const QString &path = request.path;
    for (const QChar c : path) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f) {
            resolution.answer = errorResponse(400, msg::badRequest);
            return resolution;
        }
    }
    // HEAD is answered as GET without the body.
    const QByteArray method = request.method == "HEAD" ? QByteArrayLiteral("GET") : request.method;
    resolution.match = match(method, path);
    const Match &found = resolution.match;
    if (found.handler)
        return resolution;
    if (found.allowedMethods.isEmpty() && path.size() > 1 && path.endsWith(u'/')) {
        QString target = path;
        while (target.size() > 1 && target.endsWith(u'/'))
            target.chop(1);
        if (!match("GET", target).allowedMethods.isEmpty()) {
            // Built from the path as it was sent (percent-encoded): nothing decoded reaches a header.
            QByteArray location = request.encodedPath;
            while (location.size() > 1 && location.endsWith('/'))
                location.chop(1);
            // Only a path of this server: never "//host" or "/\host" (a redirect off-site),
            // nor one that does not start with '/' (found by fuzz_router: %2Finteracciones//).
            if (!location.startsWith('/') || location.startsWith("//") || location.startsWith("/\\")) {
                resolution.answer = errorResponse(404, msg::notFound);
                return resolution;
            }
            const QString query = request.query.toString(QUrl::FullyEncoded);
            http::Response redirect(307, {}, {});
            redirect.setHeader("Location", location + (query.isEmpty() ? QByteArray() : '?' + query.toLatin1()));
            resolution.answer = redirect;
            return resolution;
        }
    }
    if (found.allowedMethods.isEmpty()) {
        resolution.answer = errorResponse(404, msg::notFound);
        return resolution;
    }
    http::Response notAllowed = errorResponse(405, msg::methodNotAllowed);
    notAllowed.setHeader("Allow", found.allowedMethods.join(", "));
    resolution.answer = notAllowed;
    return resolution;
}

QList<RouteInfo> Router::routes() const
{
    QList<RouteInfo> list;
    for (const Route &route : m_routes)
        list.append({route.method, route.pattern, route.access});
    return list;
}

} // namespace tickets::server
