#pragma once
// Applies the numbered schema files (database/NN_*.sql, embedded in the binary) that a database
// has not seen yet: each in its own transaction, recorded in schema_migrations, under a
// PostgreSQL advisory lock so that instances starting together never race.

#include <QString>
#include <QStringList>

namespace tickets::server {

class Database;

class Migrator
{
public:
    explicit Migrator(Database &database, QString directory = QStringLiteral(":/database"));

    struct Result
    {
        QStringList applied;
        QStringList alreadyApplied;
    };
    // Throws DatabaseUnavailable or SqlError; nothing half-applied remains after a failure.
    Result migrate();

    QStringList availableVersions() const;

private:
    Database &m_db;
    QString m_directory;
};

} // namespace tickets::server
