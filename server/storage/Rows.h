#pragma once
// Binds values and runs prepared statements, mapping their rows with a repository's fromRow function.

#include "storage/Database.h"

#include <QList>
#include <QSqlQuery>

#include <optional>
#include <type_traits>

namespace tickets::server {

// Binds `values` to the placeholders from `first` on; returns the index after the last.
inline int bindAll(QSqlQuery &query, const QVariantList &values, int first = 0)
{
    for (const QVariant &value : values)
        query.bindValue(first++, value);
    return first;
}

template <typename FromRow> auto fetchOne(Database &db, QSqlQuery &query, FromRow fromRow)
{
    db.exec(query);
    std::optional<std::invoke_result_t<FromRow, const QSqlQuery &>> row;
    if (query.next())
        row = fromRow(query);
    query.finish();
    return row;
}

template <typename FromRow> auto fetchAll(Database &db, QSqlQuery &query, FromRow fromRow)
{
    db.exec(query);
    QList<std::invoke_result_t<FromRow, const QSqlQuery &>> rows;
    while (query.next())
        rows.append(fromRow(query));
    query.finish();
    return rows;
}

} // namespace tickets::server
