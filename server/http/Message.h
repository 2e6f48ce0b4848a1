#pragma once
// An HTTP request and response as values of our own, independent of QtHttpServer: the
// transport (HttpServer) builds a Request from the wire and writes a Response back, and
// everything above it (policy, controllers, tests) works with these alone, in-process.

#include <QByteArray>
#include <QFuture>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

#include <functional>
#include <memory>

namespace tickets::server::http {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

struct Request
{
    QByteArray method;      // upper case: GET, POST, ...
    QString path;           // percent-decoded: what routes match
    QByteArray encodedPath; // as the client sent it (for redirects and logs)
    QUrlQuery query;
    HeaderList headers; // names in lower case, in the order received
    QByteArray body;
    QHostAddress peer;

    // The first value of a header (case-insensitive name); empty when absent.
    QByteArray header(const QByteArray &name) const;
    // Connection: upgrade and Upgrade: websocket, as QtHttpServer 6.4 decides an upgrade.
    bool asksForWebSocket() const;
};

// What the transport hands to the LiveSink with a long-lived connection; the policy layer
// subclasses it with whatever the live side needs (who the client is, where to resume).
class StreamGrant
{
public:
    virtual ~StreamGrant() = default;
};

struct Deferred;

struct Response
{
    int status = 200;
    QByteArray contentType; // none when empty
    QByteArray body;
    HeaderList headers;
    // Set: an open-ended event stream. The transport writes the head only, then gives the
    // connection to the LiveSink with this grant.
    std::shared_ptr<const StreamGrant> stream;
    // Set: the answer needs CPU-heavy work done on a bounded pool, so that no event loop waits
    // for it; the transport answers the connection's later requests only after this one.
    std::shared_ptr<Deferred> deferred;

    Response() = default;
    Response(int status, QByteArray contentType, QByteArray body)
        : status(status), contentType(std::move(contentType)), body(std::move(body))
    {}

    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const { return !header(name).isNull(); }
    void setHeader(const QByteArray &name, const QByteArray &value); // replaces every value of `name`
    void addHeader(const QByteArray &name, const QByteArray &value);
};

// `work` runs on a pool; then `finish` runs in the transport's thread and gives the answer.
struct Deferred
{
    QFuture<void> work;
    std::function<Response()> finish;
    // Once `work` is done: what the access-log line adds about it (its SQL round trips).
    std::function<QByteArray()> note;
};

QByteArray reasonPhrase(int status);

// The bytes of a response: status line, headers (one whose name or value holds CR, LF or NUL
// is left out, so no input can split a response), Content-Length unless it is a stream, and
// the body unless `head` (the answer to a HEAD request).
QByteArray serialize(const Response &response, bool head = false);

} // namespace tickets::server::http
