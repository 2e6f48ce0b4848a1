#pragma once
// Maps method + path to a handler. Patterns use {name} segments; a literal segment beats a
// parameter, so /tickets/resumen wins over /tickets/{ticket_id}. A known path with another
// method gives the allowed methods (405) instead of "no route" (404).

#include <QHttpServerResponse>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace tickets::server {

class Request;
using Handler = std::function<QHttpServerResponse(Request &)>;

// Who may call a route when AUTH_REQUIRED=true: anyone, or a caller with a valid token.
enum class RouteAccess { Authenticated, Public };

struct RouteInfo
{
    QByteArray method;
    QString pattern;
    RouteAccess access = RouteAccess::Authenticated;
};

class Router
{
public:
    void add(const QByteArray &method, const QString &pattern, Handler handler,
             RouteAccess access = RouteAccess::Authenticated);

    struct Match
    {
        const Handler *handler = nullptr;
        RouteAccess access = RouteAccess::Authenticated;
        QStringList paramNames;
        QStringList params;
        QList<QByteArray> allowedMethods; // non-empty with no handler: 405
    };
    Match match(const QByteArray &method, const QString &path) const;

    QList<RouteInfo> routes() const;

private:
    struct Route
    {
        QByteArray method;
        QString pattern;
        QStringList segments; // "{name}" marks a parameter
        Handler handler;
        RouteAccess access;
    };
    QList<Route> m_routes;
};

} // namespace tickets::server
