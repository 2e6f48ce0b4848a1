#pragma once
// Maps method + path to a handler. Patterns use {name} segments; a literal segment beats a
// parameter, so /tickets/resumen wins over /tickets/{ticket_id}. A known path with another
// method gives the allowed methods (405) instead of "no route" (404).

#include "http/Message.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace tickets::server {

class Request;
using http::Response;
using Handler = std::function<http::Response(Request &)>;

// Who may call a route when AUTH_REQUIRED=true: a caller with a valid token, anyone, or a
// live client (a valid token, which a browser's EventSource can only give as ?access_token=).
enum class RouteAccess { Authenticated, Public, LiveClient };

// Where a route's handler runs: on the event-loop thread that read the request, or on the
// write pool (its own threads and PostgreSQL connections), so that a transaction waiting for
// its commit holds neither an event loop nor the other connections of that thread.
// Routes that change something default to the pool.
enum class RouteExecution { Default, Inline, WritePool };

struct RouteInfo
{
    QByteArray method;
    QString pattern;
    RouteAccess access = RouteAccess::Authenticated;
};

class Router
{
public:
    // `pattern` is one of protocol::route's: every path is written there once.
    void add(const QByteArray &method, const char *pattern, Handler handler,
             RouteAccess access = RouteAccess::Authenticated, RouteExecution execution = RouteExecution::Default);

    struct Match
    {
        const Handler *handler = nullptr;
        RouteAccess access = RouteAccess::Authenticated;
        RouteExecution execution = RouteExecution::Inline;
        QStringList paramNames;
        QStringList params;
        QList<QByteArray> allowedMethods; // non-empty with no handler: 405
    };
    Match match(const QByteArray &method, const QString &path) const;

    // A handler to run for the request, or the answer instead: 404, 405 with Allow, 307 to the
    // path without its trailing slash (as Starlette does), 400 for control characters in the path.
    struct Resolution
    {
        Match match;
        std::optional<http::Response> answer;
    };
    Resolution resolve(const http::Request &request) const;

    QList<RouteInfo> routes() const;

private:
    struct Route
    {
        QByteArray method;
        QString pattern;
        QStringList segments; // "{name}" marks a parameter
        Handler handler;
        RouteAccess access;
        RouteExecution execution;
    };
    QList<Route> m_routes;
};

} // namespace tickets::server
