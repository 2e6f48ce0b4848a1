#pragma once
// Where the fixture's services are, and a fresh database per test suite.

#include <QSqlDatabase>
#include <QString>

namespace tickets::test {

struct TestEnvironment
{
    static int pgPort();
    static int redisPort();
    static QString serverBinary();
    static QString servicesScript();
    static QString dataDir();
    static QString databaseUrl(const QString &database);
};

// Drops and creates `name` on the fixture's PostgreSQL; holds a connection to it for assertions.
class TestDatabase
{
public:
    explicit TestDatabase(const QString &name);
    ~TestDatabase();

    QString url() const { return TestEnvironment::databaseUrl(m_name); }
    QSqlDatabase connection() const;
    // The first column of the first row of `sql`.
    QVariant scalar(const QString &sql) const;
    // The first column of every row of `sql`.
    QVariantList column(const QString &sql) const;

private:
    QString m_name;
    QString m_connection;
};

int freePort();

} // namespace tickets::test
