#include "storage/Migrator.h"

#include "storage/Database.h"
#include "storage/Logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QVariant>

namespace tickets::server {

namespace {
// Any fixed number works; it only has to be the same for every instance of the server.
constexpr qint64 kMigrationLock = 0x7469636b657473; // "tickets"
} // namespace

Migrator::Migrator(Database &database, QString directory) : m_db(database), m_directory(std::move(directory)) {}

QStringList Migrator::availableVersions() const
{
    QStringList versions;
    const QStringList files = QDir(m_directory).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        versions << QFileInfo(file).completeBaseName();
    return versions;
}

Migrator::Result Migrator::migrate()
{
    Result result;
    m_db.execute(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(kMigrationLock));
    struct Unlock
    {
        Database &db;
        ~Unlock()
        {
            try {
                db.execute(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(kMigrationLock));
            } catch (...) {
                // The session is gone, and its lock with it.
            }
        }
    } unlock{m_db};

    m_db.execute(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                " version text PRIMARY KEY,"
                                " checksum text NOT NULL,"
                                " applied_at timestamptz NOT NULL DEFAULT now())"));
    QHash<QString, QString> applied;
    {
        QSqlQuery &query = m_db.prepared(QStringLiteral("SELECT version, checksum FROM schema_migrations"));
        m_db.exec(query);
        while (query.next())
            applied.insert(query.value(0).toString(), query.value(1).toString());
        query.finish();
    }

    for (const QString &version : availableVersions()) {
        QFile file(m_directory + u'/' + version + QStringLiteral(".sql"));
        if (!file.open(QIODevice::ReadOnly))
            throw DatabaseUnavailable(QStringLiteral("cannot read schema file %1").arg(file.fileName()));
        const QByteArray sql = file.readAll();
        const QString checksum = QString::fromLatin1(QCryptographicHash::hash(sql, QCryptographicHash::Sha256).toHex());
        if (applied.contains(version)) {
            if (applied.value(version) != checksum)
                qCWarning(lcMigrations).noquote() << "schema file" << version << "changed after it was applied; "
                                                  << "add a new numbered file instead of editing an applied one";
            result.alreadyApplied << version;
            continue;
        }
        m_db.transaction([&] {
            m_db.execute(QString::fromUtf8(sql));
            QSqlQuery &record =
                m_db.prepared(QStringLiteral("INSERT INTO schema_migrations (version, checksum) VALUES (?, ?)"));
            record.bindValue(0, version);
            record.bindValue(1, checksum);
            m_db.exec(record);
        });
        qCInfo(lcMigrations).noquote() << "applied" << version;
        result.applied << version;
    }
    return result;
}

} // namespace tickets::server
