#include "http/Router.h"

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

void Router::add(const QByteArray &method, const QString &pattern, Handler handler, RouteAccess access)
{
    m_routes.append({method, pattern, pattern.split(u'/'), std::move(handler), access});
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
            result.params = params;
            for (const QString &segment : route.segments) {
                if (isParam(segment))
                    result.paramNames << segment.mid(1, segment.size() - 2);
            }
        }
    }
    return result;
}

QList<RouteInfo> Router::routes() const
{
    QList<RouteInfo> list;
    for (const Route &route : m_routes)
        list.append({route.method, route.pattern, route.access});
    return list;
}

} // namespace tickets::server
