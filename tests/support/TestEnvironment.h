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
    // The URL the servers and workers of a suite use: through PgBouncer in a ".pgbouncer" run.
    static QString databaseUrl(const QString &database);
    // True in a suite's ".pgbouncer" run (TICKETS_TEST_POOLER_PORT set).
    static bool throughPooler();
};

// Drops and creates `name` on the fixture's PostgreSQL; holds a connection to it for assertions.
// A ".pgbouncer" run names it `name`_pgb, so that it may run beside the direct run of its suite.
class TestDatabase
{
public:
    explicit TestDatabase(const QString &name);
    ~TestDatabase();

    const QString &name() const { return m_name; }
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
