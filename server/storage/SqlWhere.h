#pragma once
// A WHERE clause assembled from optional filters, with its values in placeholder order.
// The SQL text only depends on which filters are present, so each shape is prepared once.

#include <QStringList>
#include <QVariantList>

namespace tickets::server {

struct SqlWhere
{
    QStringList clauses;
    QVariantList values;

    void add(const QString &clause, const QVariant &value)
    {
        clauses << clause;
        values << value;
    }
    QString sql() const
    {
        return clauses.isEmpty() ? QString() : QStringLiteral(" WHERE ") + clauses.join(QStringLiteral(" AND "));
    }
};

} // namespace tickets::server
