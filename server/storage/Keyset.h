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

// An order a list can be served in besides kOrder: its ORDER BY, the bigint key of each row
// (selected after the list's columns, for the next cursor) and the rows after a cursor's
// (key, id), with those two placeholders.
struct Order
{
    QString orden; // its name in a cursor
    QString orderBy;
    QString keyColumn;
    QString afterClause;
};

inline void after(SqlWhere &where, const Order &order, const protocol::Cursor &cursor)
{
    where.clauses << order.afterClause;
    where.values << cursor.key << cursor.id;
}

// Rows strictly after `cursor` in kOrder (microseconds are exact: no float on the way).
inline void after(SqlWhere &where, const protocol::Cursor &cursor, const QString &idType)
{
    where.clauses << QStringLiteral("(fecha_creacion, id) < (timestamptz 'epoch' + ? * interval '1 microsecond', ?::") +
                         idType + QLatin1Char(')');
    where.values << cursor.key << cursor.id;
}

// The cursor of `row` in the order named `orden` (its id in column 0, its key in `keyColumn`).
inline protocol::Cursor cursorOf(const QSqlQuery &row, int keyColumn, const QString &orden)
{
    return protocol::Cursor{row.value(keyColumn).toLongLong(), row.value(0).toString(), orden};
}

// Reads one page into `page` (each row by `fromRow`, its key in `keyColumn`) and, when the
// page is full, the cursor of the page after it, in the order named `orden` ("": kOrder).
template <typename T, typename FromRow>
void fetchPage(Database &db, QSqlQuery &query, FromRow fromRow, int keyColumn, qint64 limit, protocol::Page<T> &page,
               const QString &orden = {})
{
    protocol::Cursor last;
    page.items = fetchAll(db, query, [&](const QSqlQuery &row) {
        last = cursorOf(row, keyColumn, orden);
        return fromRow(row);
    });
    if (page.items.size() == limit)
        page.nextCursor = last.encode();
}

} // namespace tickets::server::keyset
