#pragma once
// Where the next page of a newest-first list starts: the (fecha_creacion, id) of the last item
// served, as an opaque token (X-Next-Cursor, ?cursor=). Keyset paging costs the same at page
// 25,000 as at page 1, where `skip` costs a scan of everything skipped.

#include <QByteArray>
#include <QString>

#include <optional>

namespace tickets::protocol {

struct Cursor
{
    qint64 micros = 0; // fecha_creacion, microseconds since the epoch
    QString id;        // the row's id (a UUID, or a number for notifications)

    QByteArray encode() const;
    // Nothing for a token this server did not make.
    static std::optional<Cursor> decode(const QByteArray &token);
};

// `skip` above this answers 422 (page with the cursor instead).
inline constexpr qint64 kMaxSkip = 10000;

} // namespace tickets::protocol
