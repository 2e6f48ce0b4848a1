#pragma once
// The newest-first order every list is served in, and where a cursor resumes it: rows after
// the cursor's (fecha_creacion, id), walked down the (fecha_creacion DESC, id DESC) indexes,
// so page 25,000 costs what page 1 does. The order is total (ties broken by id).

#include "protocol/Cursor.h"
#include "protocol/Page.h"
#include "storage/Rows.h"
#include "storage/SqlWhere.h"

#include <QSqlQuery>
#include <QVariant>

namespace tickets::server::keyset {

inline const QString kOrder = QStringLiteral(" ORDER BY fecha_creacion DESC, id DESC");
// Selected after a list's columns: the exact key of each row, for the next cursor.
inline const QString kKeyColumn = QStringLiteral(", floor(extract(epoch FROM fecha_creacion) * 1000000)::bigint");

// Rows strictly after `cursor` in kOrder (microseconds are exact: no float on the way).
inline void after(SqlWhere &where, const protocol::Cursor &cursor, const QString &idType)
{
    where.clauses << QStringLiteral("(fecha_creacion, id) < (timestamptz 'epoch' + ? * interval '1 microsecond', ?::") +
                         idType + QLatin1Char(')');
    where.values << cursor.micros << cursor.id;
}

// The cursor of `row` (its id in column 0, its key in `keyColumn`).
inline protocol::Cursor cursorOf(const QSqlQuery &row, int keyColumn)
{
    return protocol::Cursor{row.value(keyColumn).toLongLong(), row.value(0).toString()};
}

// Reads one page into `page` (each row by `fromRow`, its key in `keyColumn`) and, when the
// page is full, the cursor of the page after it.
template <typename T, typename FromRow>
void fetchPage(Database &db, QSqlQuery &query, FromRow fromRow, int keyColumn, qint64 limit, protocol::Page<T> &page)
{
    protocol::Cursor last;
    page.items = fetchAll(db, query, [&](const QSqlQuery &row) {
        last = cursorOf(row, keyColumn);
        return fromRow(row);
    });
    if (page.items.size() == limit)
        page.nextCursor = last.encode();
}

} // namespace tickets::server::keyset
