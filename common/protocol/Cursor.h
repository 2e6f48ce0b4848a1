#pragma once
// Where the next page of a list starts: the (key, id) of the last item served in the list's
// order, as an opaque token (X-Next-Cursor, ?cursor=). Keyset paging costs the same at page
// 25,000 as at page 1, where `skip` costs a scan of everything skipped. A cursor names its
// order, so it cannot resume a list sorted another way.

#include <QByteArray>
#include <QString>

#include <optional>

namespace tickets::protocol {

struct Cursor
{
    qint64 key = 0; // the order's key: microseconds since the epoch for a date, a rank for prioridad
    QString id;     // the row's id (a UUID, or a number for notifications)
    QString orden;  // the order (an ?orden= value); empty for the default, newest first

    QByteArray encode() const;
    // Nothing for a token this server did not make.
    static std::optional<Cursor> decode(const QByteArray &token);
};

// `skip` above this answers 422 (page with the cursor instead).
inline constexpr qint64 kMaxSkip = 10000;

} // namespace tickets::protocol
