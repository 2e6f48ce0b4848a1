#include "http/RequestHead.h"

#include "protocol/Messages.h"

#include <QUrl>

namespace tickets::server::http {

namespace msg = protocol::msg;

namespace {

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// A control character other than HTAB (CR is checked separately: only at a line's end).
bool hasControl(QByteArrayView line)
{
    for (char c : line) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f)
            return true;
    }
    return false;
}

QByteArray trimmedOws(QByteArrayView value)
{
    qsizetype begin = 0;
    qsizetype end = value.size();
    while (begin < end && (value[begin] == ' ' || value[begin] == '\t'))
        ++begin;
    while (end > begin && (value[end - 1] == ' ' || value[end - 1] == '\t'))
        --end;
    return value.sliced(begin, end - begin).toByteArray();
}

// Whether a comma-separated header value lists `token` (case-insensitive).
bool listsToken(const QByteArray &value, QByteArrayView token)
{
    for (const QByteArray &item : value.split(',')) {
        if (trimmedOws(item).compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

RequestHead rejected(RequestHead head, int status, const QString &detail)
{
    head.verdict = RequestHead::Verdict::Rejected;
    head.status = status;
    head.detail = detail;
    return head;
}

RequestHead malformed(RequestHead head, const char *why)
{
    return rejected(std::move(head), 400, msg::malformedHead.arg(QString::fromUtf8(why)));
}

} // namespace

QByteArray RequestHead::header(const QByteArray &lowerCaseName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerCaseName)
            return value;
    }
    return {};
}

bool RequestHead::upgradesToWebSocket() const
{
    for (const auto &[name, value] : headers) {
        if (name == "upgrade" && listsToken(value, "websocket"))
            return true;
    }
    return false;
}

QString RequestHead::webSocketHandshakeProblem() const
{
    const auto problem = [](const char *why) { return msg::webSocketHandshake.arg(QString::fromUtf8(why)); };
    if (method != "GET")
        return problem("el método debe ser GET");
    if (version != "HTTP/1.1")
        return problem("se necesita HTTP/1.1");
    if (!listsToken(header("connection"), "upgrade"))
        return problem("falta «Connection: upgrade»");
    if (header("sec-websocket-version") != "13")
        return problem("Sec-WebSocket-Version debe ser 13");
    const auto key =
        QByteArray::fromBase64Encoding(header("sec-websocket-key"), QByteArray::AbortOnBase64DecodingErrors);
    if (!key || key.decoded.size() != 16)
        return problem("Sec-WebSocket-Key no es un valor de 16 bytes en base64");
    if (contentLength > 0 || chunked)
        return problem("no lleva cuerpo");
    return {};
}

Request RequestHead::toRequest() const
{
    Request request;
    request.method = method;
    const QUrl url = QUrl::fromEncoded(target);
    request.path = url.path();
    request.encodedPath = url.path(QUrl::FullyEncoded).toLatin1();
    request.query = QUrlQuery(url);
    request.headers = headers;
    return request;
}

RequestHead RequestHead::parse(QByteArrayView bytes, const HeadLimits &limits)
{
    RequestHead head;
    qsizetype start = 0;
    while (start < bytes.size() && (bytes[start] == '\r' || bytes[start] == '\n'))
        ++start;
    head.leadingBytes = start;

    QList<QByteArrayView> lines;
    qsizetype lineStart = start;
    for (;;) {
        const qsizetype newline = bytes.indexOf('\n', lineStart);
        if (newline < 0) {
            if (bytes.size() - start > limits.maxHeaderBytes)
                return rejected(std::move(head), 431, msg::headersTooLarge);
            return head; // Incomplete
        }
        if (newline + 1 - start > limits.maxHeaderBytes)
            return rejected(std::move(head), 431, msg::headersTooLarge);
        QByteArrayView line = bytes.sliced(lineStart, newline - lineStart);
        if (line.endsWith('\r'))
            line.chop(1);
        lineStart = newline + 1;
        if (line.isEmpty()) {
            head.size = lineStart - start;
            break;
        }
        if (line.contains('\r'))
            return malformed(std::move(head), "retorno de carro suelto");
        if (hasControl(line))
            return malformed(std::move(head), "carácter de control");
        lines.append(line);
    }

    // request-line = method SP request-target SP HTTP-version
    const QByteArrayView requestLine = lines.first();
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype lastSpace = requestLine.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace <= firstSpace + 1)
        return malformed(std::move(head), "línea de petición no válida");
    head.method = requestLine.first(firstSpace).toByteArray();
    head.target = requestLine.sliced(firstSpace + 1, lastSpace - firstSpace - 1).toByteArray();
    head.version = requestLine.sliced(lastSpace + 1).toByteArray();
    if (!isToken(head.method) || head.target.contains(' ') || head.target.contains('\t'))
        return malformed(std::move(head), "línea de petición no válida");
    // origin-form, as every route is; `*` for OPTIONS; absolute-form, which proxies send.
    const bool originForm = head.target.startsWith('/') && !head.target.startsWith("//");
    const bool absoluteForm = (head.target.startsWith("http://") || head.target.startsWith("https://")) &&
                              !QUrl::fromEncoded(head.target).host().isEmpty();
    if (!originForm && !absoluteForm && !(head.target == "*" && head.method == "OPTIONS"))
        return malformed(std::move(head), "destino de la petición no válido");
    if (head.version != "HTTP/1.1" && head.version != "HTTP/1.0")
        return malformed(std::move(head), "versión de HTTP no admitida");

    int transferEncodings = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView line = lines[i];
        if (line.front() == ' ' || line.front() == '\t')
            return malformed(std::move(head), "cabecera plegada (obs-fold)");
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon)))
            return malformed(std::move(head), "nombre de cabecera no válido");
        const QByteArray name = line.first(colon).toByteArray().toLower();
        const QByteArray value = trimmedOws(line.sliced(colon + 1));
        head.headers.append({name, value});
        if (name == "content-length") {
            bool digits = !value.isEmpty() && value.size() <= 18;
            for (char c : value)
                digits = digits && c >= '0' && c <= '9';
            // A second, different Content-Length is a request-smuggling attempt.
            if (!digits || (head.contentLength >= 0 && head.contentLength != value.toLongLong()))
                return malformed(std::move(head), "Content-Length no válido");
            head.contentLength = value.toLongLong();
        } else if (name == "transfer-encoding") {
            ++transferEncodings;
            if (value.compare("chunked", Qt::CaseInsensitive) != 0 || transferEncodings > 1)
                return malformed(std::move(head), "solo se admite «Transfer-Encoding: chunked»");
            head.chunked = true;
        } else if (name == "expect") {
            head.expectContinue = value.compare("100-continue", Qt::CaseInsensitive) == 0;
        }
    }
    if (head.chunked && head.contentLength >= 0)
        return malformed(std::move(head), "Content-Length y Transfer-Encoding a la vez");
    if (head.contentLength > limits.maxBodyBytes)
        return rejected(std::move(head), 413, msg::bodyTooLarge.arg(limits.maxBodyBytes));
    head.verdict = Verdict::Complete;
    return head;
}

} // namespace tickets::server::http
