#pragma once
// Runs a prepared statement and maps its rows with a repository's fromRow function.

#include "storage/Database.h"

#include <QList>
#include <QSqlQuery>

#include <optional>
#include <type_traits>

namespace tickets::server {

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
