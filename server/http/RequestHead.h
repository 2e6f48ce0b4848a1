#pragma once
// The head of one HTTP/1.1 request (request line and header fields) read strictly, as
// RFC 9112 asks of a server that faces the open internet, before QtHttpServer's lenient parser
// sees the bytes: blank lines before the request line are skipped, obs-fold, whitespace before
// a colon, bare CR, NUL, conflicting Content-Length and Content-Length with Transfer-Encoding
// are refused, and the limits are checked on every request of a connection. A pure function
// of its bytes, so it is unit-tested and fuzzed in-process.

#include "http/Message.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace tickets::server::http {

struct HeadLimits
{
    qint64 maxHeaderBytes = 32 * 1024;
    qint64 maxBodyBytes = 1024 * 1024;
};

struct RequestHead
{
    enum class Verdict {
        Incomplete, // more bytes needed (and the head is still within its limit)
        Complete,   // a head that may be handed on
        Rejected,   // answer `status` with `detail`, then close the connection
    };

    Verdict verdict = Verdict::Incomplete;
    int status = 0;
    QString detail;

    qsizetype leadingBytes = 0; // CR/LF before the request line (ignored, as RFC 9112 allows)
    qsizetype size = 0;         // bytes of the head after them, blank line included

    QByteArray method;
    QByteArray target;  // as sent: origin-form, percent-encoded
    QByteArray version; // HTTP/1.1
    HeaderList headers; // names in lower case, values trimmed, in the order received
    qint64 contentLength = -1;
    bool chunked = false;
    bool expectContinue = false;

    // The first value of a header; empty when absent.
    QByteArray header(const QByteArray &lowerCaseName) const;
    // An `Upgrade` naming websocket: the connection leaves the HTTP parser, whatever else
    // the request says (a bad handshake is then refused with 426, never half-handled).
    bool upgradesToWebSocket() const;
    // Empty for a WebSocket handshake RFC 6455 accepts (GET, Connection: upgrade, a 16-byte
    // Sec-WebSocket-Key, version 13, no body); else why it is refused.
    QString webSocketHandshakeProblem() const;
    // The request the rest of the server sees for this head (no body, no peer).
    Request toRequest() const;

    static RequestHead parse(QByteArrayView bytes, const HeadLimits &limits);
};

} // namespace tickets::server::http
