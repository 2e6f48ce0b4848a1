// The transport's strict request-head reader, http::RequestHead::parse, on the bytes a client
// sends over one connection, as ConnectionGuard reads them: head after head (pipelined), each
// followed by its Content-Length body, until a head is incomplete, rejected, chunked or an
// upgrade. The first byte picks the limits (the defaults, or small ones so 413 and 431 are
// reached); the rest is the connection's bytes. Invariants:
//   - a complete head lies within the bytes and the header limit, ends with its blank line, has a
//     token method, HTTP/1.0 or 1.1, lower-case names, values without CR, LF, NUL or edge
//     whitespace, never both a length and chunked, and no length beyond the body limit;
//   - written back as a head (request line, "name: value" lines, blank line) it parses to the same;
//   - ConnectionGuard parses again as bytes arrive: every shorter prefix of a complete head is
//     incomplete, and more bytes after it change nothing;
//   - a rejection is 400, 413 or 431 with a reason; a WebSocket handshake accepted as valid is a
//     GET with a 16-byte key; toRequest() keeps method and headers.

#include "FuzzTarget.h"
#include "http/RequestHead.h"

#include <QUrl>

using namespace tickets::server::http;
using Verdict = RequestHead::Verdict;

namespace {

bool sameHead(const RequestHead &a, const RequestHead &b)
{
    return a.verdict == b.verdict && a.status == b.status && a.method == b.method && a.target == b.target &&
           a.version == b.version && a.headers == b.headers && a.contentLength == b.contentLength &&
           a.chunked == b.chunked && a.expectContinue == b.expectContinue;
}

bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && !QByteArrayView("!#$%&'*+-.^_`|~").contains(c))
            return false;
    }
    return true;
}

void checkComplete(const RequestHead &head, QByteArrayView bytes, const HeadLimits &limits)
{
    FUZZ_CHECK(head.status == 0);
    FUZZ_CHECK(head.size > 0 && head.leadingBytes >= 0 && head.leadingBytes + head.size <= bytes.size());
    FUZZ_CHECK(head.size <= limits.maxHeaderBytes);
    const QByteArrayView own = bytes.sliced(head.leadingBytes, head.size);
    FUZZ_CHECK(own.endsWith("\n\n") || own.endsWith("\n\r\n"));
    FUZZ_CHECK(own.front() != '\r' && own.front() != '\n');
    FUZZ_CHECK(isToken(head.method));
    FUZZ_CHECK(head.version == "HTTP/1.1" || head.version == "HTTP/1.0");
    FUZZ_CHECK(!head.target.isEmpty() && !head.target.contains(' '));
    // RFC 9112 3.2: origin-form (not "//", which reads as an authority), "*" for OPTIONS, or
    // absolute-form, whose http(s) URI must name a host (RFC 9110 4.2.1).
    const bool originForm = head.target.startsWith('/') && !head.target.startsWith("//");
    const bool absoluteForm = head.target.startsWith("http://") || head.target.startsWith("https://");
    FUZZ_CHECK(originForm || absoluteForm || (head.target == "*" && head.method == "OPTIONS"));
    FUZZ_KNOWN(!absoluteForm || !QUrl::fromEncoded(head.target).host().isEmpty(), "absolute-form-empty-host");
    FUZZ_CHECK(!(head.chunked && head.contentLength >= 0));
    FUZZ_CHECK(head.contentLength <= limits.maxBodyBytes);
    for (const auto &[name, value] : head.headers) {
        FUZZ_CHECK(isToken(name) && name == name.toLower());
        FUZZ_CHECK(!value.contains('\r') && !value.contains('\n') && !value.contains('\0'));
        FUZZ_CHECK(value.isEmpty() ||
                   (value.front() != ' ' && value.front() != '\t' && value.back() != ' ' && value.back() != '\t'));
    }

    // Written back, it reads the same (with room for the ": " each line may have gained).
    QByteArray written = head.method + ' ' + head.target + ' ' + head.version + "\r\n";
    for (const auto &[name, value] : head.headers)
        written += name + ": " + value + "\r\n";
    written += "\r\n";
    const RequestHead again = RequestHead::parse(written, {qint64(written.size()), limits.maxBodyBytes});
    FUZZ_CHECK(again.verdict == Verdict::Complete);
    FUZZ_CHECK(sameHead(again, head));
    FUZZ_CHECK(again.size == written.size() && again.leadingBytes == 0);

    // As ConnectionGuard sees it: shorter prefixes wait for more, the head alone reads the same.
    const qsizetype end = head.leadingBytes + head.size;
    for (const qsizetype cut : {end - 1, end / 2, head.leadingBytes + 1}) {
        if (cut < 0 || cut >= end)
            continue;
        FUZZ_CHECK(RequestHead::parse(bytes.first(cut), limits).verdict == Verdict::Incomplete);
    }
    const RequestHead alone = RequestHead::parse(bytes.first(end), limits);
    FUZZ_CHECK(sameHead(alone, head) && alone.size == head.size && alone.leadingBytes == head.leadingBytes);

    const QString problem = head.webSocketHandshakeProblem();
    if (head.upgradesToWebSocket() && problem.isEmpty()) {
        FUZZ_CHECK(head.method == "GET");
        FUZZ_CHECK(QByteArray::fromBase64(head.header("sec-websocket-key")).size() == 16);
    }
    const Request request = head.toRequest();
    FUZZ_CHECK(request.method == head.method);
    FUZZ_CHECK(request.headers == head.headers);
    (void)request.header("host");
}

} // namespace

TICKETS_FUZZ_TARGET(request_head)
{
    if (size == 0)
        return;
    const std::uint8_t selector = data[0];
    HeadLimits limits; // the server's defaults
    if (selector & 1) {
        limits.maxHeaderBytes = 16 << ((selector >> 1) & 7); // 16 B .. 2 KiB
        limits.maxBodyBytes = (selector >> 4) * 64;
    }
    const QByteArrayView connection(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    qsizetype offset = 0;
    for (int heads = 0; heads < 64 && offset <= connection.size(); ++heads) {
        const QByteArrayView bytes = connection.sliced(offset);
        const RequestHead head = RequestHead::parse(bytes, limits);
        FUZZ_CHECK(sameHead(RequestHead::parse(bytes, limits), head)); // a pure function
        if (head.verdict == Verdict::Incomplete) {
            FUZZ_CHECK(head.status == 0);
            for (const qsizetype cut : {bytes.size() - 1, bytes.size() / 2}) {
                if (cut >= 0)
                    FUZZ_CHECK(RequestHead::parse(bytes.first(cut), limits).verdict == Verdict::Incomplete);
            }
            return;
        }
        if (head.verdict == Verdict::Rejected) {
            FUZZ_CHECK(head.status == 400 || head.status == 413 || head.status == 431);
            FUZZ_CHECK(!head.detail.isEmpty());
            return;
        }
        checkComplete(head, bytes, limits);
        if (head.chunked || head.upgradesToWebSocket())
            return;
        offset += head.leadingBytes + head.size + qMax<qint64>(head.contentLength, 0);
    }
}
