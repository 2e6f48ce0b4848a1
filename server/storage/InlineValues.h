#pragma once
// A statement with its values written in as SQL literals, for connections behind a
// transaction-mode pooler (PgBouncer, Supavisor :6543), where Qt 6.4's SQL-level PREPARE would
// land on one backend and its EXECUTE on another. The literals are the driver's own
// (QSqlDriver::formatValue): exactly the text QPSQL 6.4 writes into its EXECUTE in session
// mode, so both modes send PostgreSQL the same values. Only the types the repositories bind are
// accepted; anything else is a programming error, never formatted unquoted.

#include <QString>
#include <QVariantList>

class QSqlDriver;

namespace tickets::server {

// `sql` with each `?` outside quotes replaced by the next of `values`. Throws SqlError 22021
// for text PostgreSQL cannot hold (NUL), std::invalid_argument for an unsupported type or a
// count that does not match the placeholders.
QString inlineValues(const QString &sql, const QVariantList &values, const QSqlDriver &driver);

} // namespace tickets::server
