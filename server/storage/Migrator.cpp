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
    // Each step in a transaction of its own that holds the migration lock: instances starting
    // together apply every file once, and the lock is transaction-scoped, so this also works
    // behind a transaction-mode pooler (a session lock would stay on a lent backend).
    const auto lock = [this] { m_db.execute(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kMigrationLock)); };
    m_db.transaction([&] {
        lock();
        m_db.execute(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                    " version text PRIMARY KEY,"
                                    " checksum text NOT NULL,"
                                    " applied_at timestamptz NOT NULL DEFAULT now())"));
    });
    for (const QString &version : availableVersions()) {
        QFile file(m_directory + u'/' + version + QStringLiteral(".sql"));
        if (!file.open(QIODevice::ReadOnly))
            throw DatabaseUnavailable(QStringLiteral("cannot read schema file %1").arg(file.fileName()));
        const QByteArray sql = file.readAll();
        const QString checksum = QString::fromLatin1(QCryptographicHash::hash(sql, QCryptographicHash::Sha256).toHex());
        const bool applied = m_db.transaction([&] {
            // A schema change on a large table may take longer than a request is allowed to.
            m_db.execute(QStringLiteral("SET LOCAL statement_timeout = 0"));
            lock();
            QSqlQuery &recorded =
                m_db.prepared(QStringLiteral("SELECT checksum FROM schema_migrations WHERE version = ?"));
            recorded.bindValue(0, version);
            m_db.exec(recorded);
            const bool known = recorded.next();
            const QString knownChecksum = known ? recorded.value(0).toString() : QString();
            recorded.finish();
            if (known) {
                if (knownChecksum != checksum)
                    qCWarning(lcMigrations).noquote() << "schema file" << version << "changed after it was applied; "
                                                      << "add a new numbered file instead of editing an applied one";
                return false;
            }
            m_db.execute(QString::fromUtf8(sql));
            QSqlQuery &record =
                m_db.prepared(QStringLiteral("INSERT INTO schema_migrations (version, checksum) VALUES (?, ?)"));
            record.bindValue(0, version);
            record.bindValue(1, checksum);
            m_db.exec(record);
            return true;
        });
        if (applied) {
            qCInfo(lcMigrations).noquote() << "applied" << version;
            result.applied << version;
        } else {
            result.alreadyApplied << version;
        }
    }
    return result;
}

} // namespace tickets::server
