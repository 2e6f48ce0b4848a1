// The router's path matching, server::Router::resolve(), on the routes of the API contract
// (resources/openapi.json: every path and method the server registers, as tst_openapi checks).
// The first byte picks the method and how the request is built from the rest, the request
// target as a client sends it. Bits 3-4: 0, as the transport builds ordinary requests
// (QtHttpServer 6.4 sets the URL's path in tolerant mode and its query from the target;
// HttpServer takes url.path() and url.path(FullyEncoded)); 1, as it builds WebSocket handshakes
// (RequestHead::parse of "METHOD target HTTP/1.1", then toRequest()); 2 and 3, a decoded path and
// an encoded path split at the first NUL, independent of each other, which resolve() must survive.
// Invariants: resolve() never throws; it gives a handler or an answer, never both; a handler
// gets one non-empty value per parameter; answers are 307, 400, 404 or 405; a 405 lists other
// methods in Allow; a redirect stays on this server (Location starts with one '/') and no header
// of any answer holds a control character.

#include "FuzzTarget.h"
#include "api/Request.h"
#include "api/Router.h"
#include "http/RequestHead.h"
#include "protocol/Routes.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

using namespace tickets;
using namespace tickets::server;

namespace {

const QByteArray kMethods[] = {"GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS", "get"};

// Every (method, pattern) of the contract, registered once with a handler that answers 200.
const Router &router()
{
    static const Router built = [] {
        QFile file(QStringLiteral(TICKETS_SOURCE_DIR "/resources/openapi.json"));
        if (!file.open(QIODevice::ReadOnly))
            ::tickets::fuzz::fail(__FILE__, __LINE__, "resources/openapi.json cannot be read");
        const QJsonObject paths =
            QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("paths")).toObject();
        QList<QPair<QByteArray, QByteArray>> table; // method, pattern
        for (auto it = paths.begin(); it != paths.end(); ++it) {
            const QJsonObject methods = it.value().toObject();
            for (auto m = methods.begin(); m != methods.end(); ++m)
                table.append({m.key().toUpper().toLatin1(), it.key().toLatin1()});
        }
        // Patterns the OpenAPI document leaves out (its own documents) are served with GET.
        for (const QString &pattern : protocol::route::all()) {
            if (!paths.contains(pattern))
                table.append({QByteArrayLiteral("GET"), pattern.toLatin1()});
        }
        Router router;
        for (const auto &[method, pattern] : std::as_const(table))
            router.add(method, pattern.constData(), [](Request &) { return http::Response(200, {}, {}); });
        if (router.routes().size() < 20)
            ::tickets::fuzz::fail(__FILE__, __LINE__, "fewer routes than the contract has");
        return router;
    }();
    return built;
}

bool hasControl(const QByteArray &text)
{
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f)
            return true;
    }
    return false;
}

} // namespace

TICKETS_FUZZ_TARGET(router)
{
    if (size == 0)
        return;
    const std::uint8_t selector = data[0];
    const QByteArray target(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const int mode = (selector >> 3) & 3;
    const bool independent = mode >= 2;
    http::Request request;
    request.method = kMethods[selector & 7];
    if (independent) {
        const qsizetype nul = target.indexOf('\0');
        request.path = QString::fromUtf8(target.left(nul));
        request.encodedPath = nul < 0 ? QByteArray() : target.mid(nul + 1);
    } else if (mode == 1) {
        const QByteArray head = request.method + ' ' + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
        const http::RequestHead parsed = http::RequestHead::parse(head, {});
        if (parsed.verdict != http::RequestHead::Verdict::Complete)
            return;
        request = parsed.toRequest();
    } else {
        QByteArray pathPart = target;
        QByteArray queryPart;
        const qsizetype fragment = pathPart.indexOf('#');
        if (fragment >= 0)
            pathPart.truncate(fragment);
        const qsizetype question = pathPart.indexOf('?');
        if (question >= 0) {
            queryPart = pathPart.mid(question + 1);
            pathPart.truncate(question);
        }
        QUrl url;
        url.setScheme(QStringLiteral("http"));
        url.setHost(QStringLiteral("localhost"));
        url.setPath(QString::fromUtf8(pathPart), QUrl::TolerantMode);
        if (question >= 0)
            url.setQuery(QString::fromUtf8(queryPart));
        request.path = url.path();
        request.encodedPath = url.path(QUrl::FullyEncoded).toLatin1();
        request.query = QUrlQuery(url);
    }

    const Router::Resolution resolution = router().resolve(request);
    const Router::Match &match = resolution.match;
    FUZZ_CHECK((match.handler != nullptr) != resolution.answer.has_value());
    if (match.handler) {
        FUZZ_CHECK(match.params.size() == match.paramNames.size());
        for (const QString &param : match.params)
            FUZZ_CHECK(!param.isEmpty() && !param.contains(u'/'));
        const QByteArray method = request.method == "HEAD" ? QByteArray("GET") : request.method;
        FUZZ_CHECK(match.allowedMethods.contains(method));
        Request context(request, match.paramNames, match.params, "fuzz");
        FUZZ_CHECK((*match.handler)(context).status == 200);
        return;
    }
    const http::Response &answer = *resolution.answer;
    FUZZ_CHECK(answer.status == 307 || answer.status == 400 || answer.status == 404 || answer.status == 405);
    if (answer.status == 405) {
        const QByteArray allow = answer.header("Allow");
        FUZZ_CHECK(!allow.isEmpty());
        for (const QByteArray &allowed : allow.split(','))
            FUZZ_CHECK(allowed.trimmed() != request.method);
    }
    if (answer.status == 307 && !independent) {
        const QByteArray location = answer.header("Location");
        FUZZ_CHECK(location.startsWith('/') && !location.startsWith("//") && !location.startsWith("/\\"));
    }
    if (!independent) {
        for (const auto &[name, value] : answer.headers)
            FUZZ_CHECK(!hasControl(name) && !hasControl(value));
    }
    // Whatever the headers hold, the serialized head has exactly one blank line, at its end.
    const QByteArray bytes = http::serialize(answer, true);
    FUZZ_CHECK(bytes.endsWith("\r\n\r\n") && bytes.indexOf("\r\n\r\n") == bytes.size() - 4);
}
