// The list filters of every GET that takes a query string, read as the controllers read them:
// the transport's QUrl/QUrlQuery, then server::Request's typed readers (queryInt, queryEnum,
// queryUuid, queryBool, queryString) with the controllers' names, defaults and bounds, then
// finish(). The first byte picks the endpoint; the rest is the query string as sent after '?'.
// Invariants: only a 422 leaves finish(), with one item per error, each located in "query";
// a value that came back respects its bounds; a cursor that is accepted encodes back to a token
// that decodes to the same cursor, and never comes with skip.

#include "FuzzTarget.h"
#include "api/Request.h"
#include "domain/Interaccion.h"
#include "protocol/Cursor.h"
#include "protocol/ErrorKind.h"
#include "wire/Enums.h"

#include <QJsonArray>
#include <QUrl>

using namespace tickets;
using namespace tickets::server;
using validation::Presence;

namespace {

void checkPage(const std::optional<qint64> &skip, const std::optional<qint64> &limit,
               std::optional<qint64> maxSkip = protocol::kMaxSkip)
{
    FUZZ_CHECK(!skip || (*skip >= 0 && (!maxSkip || *skip <= *maxSkip)));
    FUZZ_CHECK(!limit || (*limit >= 1 && *limit <= 1000));
}

// Keyset paging (every list but /eventos): ?cursor=, never with ?skip=.
void checkCursor(Request &request)
{
    const auto cursor = request.queryCursor();
    if (!cursor)
        return;
    FUZZ_CHECK(!request.queryValue(QStringLiteral("skip")));
    FUZZ_CHECK(cursor->key >= 0 && !cursor->id.isEmpty());
    const auto again = protocol::Cursor::decode(cursor->encode());
    FUZZ_CHECK(again && again->key == cursor->key && again->id == cursor->id && again->orden == cursor->orden);
}

void finish(Request &request)
{
    const qsizetype count = request.errors().size();
    for (const FieldError &error : std::as_const(request.errors())) {
        FUZZ_CHECK(!error.type.isEmpty());
        FUZZ_CHECK(error.loc.size() == 2 && error.loc.first() == QJsonValue(QStringLiteral("query")));
    }
    try {
        request.finish();
        FUZZ_CHECK(count == 0);
    } catch (const protocol::Error &error) {
        FUZZ_CHECK(error.kind() == protocol::ErrorKind::Invalid);
        FUZZ_CHECK(error.detail().toArray().size() == count);
    }
}

} // namespace

TICKETS_FUZZ_TARGET(query)
{
    if (size == 0)
        return;
    const std::uint8_t selector = data[0];
    const QByteArray query(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    // As the transport builds it (HttpServer: raw.url(), raw.query()).
    const QUrl url = QUrl::fromEncoded("http://localhost/x?" + query);
    http::Request raw;
    raw.method = "GET";
    raw.path = url.path();
    raw.encodedPath = url.path(QUrl::FullyEncoded).toLatin1();
    raw.query = QUrlQuery(url);
    Request request(raw, {}, {}, "fuzz");

    switch (selector % 6) {
    case 0: { // GET /tickets (TicketsController::list)
        const auto skip = request.queryInt(QStringLiteral("skip"), 0, 0, protocol::kMaxSkip);
        const auto limit = request.queryInt(QStringLiteral("limit"), 20, 1, 1000);
        checkCursor(request);
        request.queryEnum<Estado>(QStringLiteral("estado"), Presence::Optional);
        request.queryEnum<Prioridad>(QStringLiteral("prioridad"), Presence::Optional);
        request.queryUuid(QStringLiteral("usuario_id"), Presence::Optional);
        const auto q = request.queryString(QStringLiteral("q"), {0, 200});
        FUZZ_CHECK(!q || validation::codePointLength(*q) <= 200);
        checkPage(skip, limit);
        break;
    }
    case 1: { // GET /usuarios
        const auto skip = request.queryInt(QStringLiteral("skip"), 0, 0, protocol::kMaxSkip);
        const auto limit = request.queryInt(QStringLiteral("limit"), 20, 1, 1000);
        request.queryBool(QStringLiteral("activo"));
        checkCursor(request);
        checkPage(skip, limit);
        break;
    }
    case 2: { // GET /tickets/{id}/interacciones
        const auto skip = request.queryInt(QStringLiteral("skip"), 0, 0, protocol::kMaxSkip);
        const auto limit = request.queryInt(QStringLiteral("limit"), rules::interaccionesPorPagina, 1, 1000);
        checkCursor(request);
        checkPage(skip, limit);
        break;
    }
    case 3: { // GET /eventos, and the SSE stream's resume point
        const auto since = request.queryInt(QStringLiteral("since"), 0, 0, std::nullopt);
        const auto limit = request.queryInt(QStringLiteral("limit"), 100, 1, 1000);
        checkPage(since, limit, std::nullopt);
        (void)request.queryValue(QStringLiteral("since")).value_or(QString()).toLongLong();
        break;
    }
    case 4: { // GET /notificaciones
        request.queryUuid(QStringLiteral("usuario_id"), Presence::Required);
        request.queryBool(QStringLiteral("solo_no_leidas"));
        const auto skip = request.queryInt(QStringLiteral("skip"), 0, 0, protocol::kMaxSkip);
        const auto limit = request.queryInt(QStringLiteral("limit"), 50, 1, 1000);
        checkCursor(request);
        checkPage(skip, limit);
        break;
    }
    case 5: { // PATCH /tickets/{id}/estado
        request.queryEnum<Estado>(QStringLiteral("nuevo_estado"), Presence::Required);
        request.queryUuid(QStringLiteral("usuario_id"), selector & 8 ? Presence::Optional : Presence::Required);
        break;
    }
    }
    finish(request);
}
