#pragma once
// The HTTP vocabulary server and client share beyond paths and bodies: header names, the list
// headers, request ids and the query names of live clients. Written once so both sides agree.

#include <QByteArray>
#include <QString>

#include <optional>

namespace tickets::protocol {

namespace header {
inline constexpr char requestId[] = "X-Request-ID";
inline constexpr char totalCount[] = "X-Total-Count";
inline constexpr char totalCountCapped[] = "X-Total-Count-Capped";
// Added: the cursor of the next page of a list (absent on the last page), and RFC 8288's Link.
inline constexpr char nextCursor[] = "X-Next-Cursor";
inline constexpr char link[] = "Link";
inline constexpr char etag[] = "ETag";        // GET/PATCH /tickets/{id}: "<version>"
inline constexpr char ifMatch[] = "If-Match"; // PATCH /tickets/{id}(/estado): 412 unless the version is current
inline constexpr char lastSeq[] = "X-Last-Seq";
} // namespace header

namespace query {
// Browsers cannot set headers on WebSocket/EventSource: their token may come in the query.
inline constexpr char accessToken[] = "access_token";
inline constexpr char ticket[] = "ticket"; // ?ticket= on the live routes, from POST /auth/ws-ticket
} // namespace query

// A fresh request id: 16 hex digits, after `prefix` when one is given ("desk-…").
QByteArray newRequestId(const QByteArray &prefix = {});
// A caller's own id is kept when it is short and plain ([A-Za-z0-9._-]{1,64}).
bool isPlainRequestId(const QByteArray &id);

// X-Total-Count as a number; nothing when the header is absent or not a count.
std::optional<qint64> parseTotalCount(const QByteArray &value);
// X-Total-Count-Capped: "true" when the total stopped counting at a cap.
bool parseTotalCountCapped(const QByteArray &value);

} // namespace tickets::protocol
