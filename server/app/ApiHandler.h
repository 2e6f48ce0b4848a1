#pragma once
// The request policy, composed from small pieces: CORS preflights (CorsPolicy), routing with
// its 404/405/307 answers (Router), authentication (Authenticator), the controllers' handler,
// the mapping of every failure to an answer (ErrorMapping), and on the way out the CORS
// headers, X-Request-ID and one access-log line. The transport knows it only as an
// http::RequestHandler.

#include "http/RequestHandler.h"

#include <QElapsedTimer>

#include <functional>

namespace tickets::server {

class AccessLog;
class Authenticator;
class CorsPolicy;
class Router;

// Hands a request whose route runs on the write pool over to it: the deferred answer, or null
// when the pool's queue is full.
using WriteOffload =
    std::function<std::shared_ptr<http::Deferred>(const http::Request &request, const QByteArray &requestId)>;

class ApiHandler : public http::RequestHandler
{
public:
    // `roundTrips` reads the thread's database counter, so each access-log line says how
    // many round trips to PostgreSQL its request cost (sql=N). Without `offload` every route
    // runs here.
    ApiHandler(const Router &router, Authenticator &authenticator, const CorsPolicy &cors, const AccessLog &log,
               std::function<qint64()> roundTrips = {}, WriteOffload offload = {})
        : m_router(router), m_auth(authenticator), m_cors(cors), m_log(log), m_roundTrips(std::move(roundTrips)),
          m_offload(std::move(offload))
    {}

    http::Response handle(const http::Request &request) override;
    http::Response upgrade(const http::Request &request) override;
    // The route's answer, computed here whatever its execution, and not decorated: the write
    // pool's entry point (the event-loop thread that read the request decorates and logs it).
    http::Response serve(const http::Request &request, const QByteArray &requestId);

private:
    http::Response dispatch(const http::Request &request, const QByteArray &requestId, bool mayOffload);
    // On the way out: the CORS headers, X-Request-ID and the access-log line.
    void decorate(const http::Request &request, http::Response &response, const QByteArray &requestId,
                  const QElapsedTimer &timer, const char *note) const;

    const Router &m_router;
    Authenticator &m_auth;
    const CorsPolicy &m_cors;
    const AccessLog &m_log;
    std::function<qint64()> m_roundTrips;
    WriteOffload m_offload;
};

// "Authorization: Bearer <token>", case-insensitive scheme; empty when absent.
QByteArray bearerToken(const http::Request &request);
// A live client's token: the bearer header, or ?access_token= (browsers cannot set headers on
// WebSocket or EventSource).
QByteArray liveClientToken(const http::Request &request);

} // namespace tickets::server
