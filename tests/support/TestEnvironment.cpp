#include "TestEnvironment.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTest>
#include <QVariant>

namespace tickets::test {

int TestEnvironment::pgPort()
{
    return qEnvironmentVariableIntValue("TICKETS_TEST_PG_PORT");
}

int TestEnvironment::redisPort()
{
    return qEnvironmentVariableIntValue("TICKETS_TEST_REDIS_PORT");
}

QString TestEnvironment::serverBinary()
{
    return qEnvironmentVariable("TICKETS_SERVER_BIN");
}

QString TestEnvironment::servicesScript()
{
    return qEnvironmentVariable("TICKETS_SERVICES_SCRIPT");
}

QString TestEnvironment::dataDir()
{
    return qEnvironmentVariable("TICKETS_TEST_DATA_DIR");
}

QString TestEnvironment::databaseUrl(const QString &database)
{
    // A suite's ".pgbouncer" run: its servers reach PostgreSQL through the pooler (and run with
    // TICKETS_DB_POOL_MODE=transaction from the same environment); assertions stay direct.
    const int pooler = qEnvironmentVariableIntValue("TICKETS_TEST_POOLER_PORT");
    return QStringLiteral("postgresql://tickets@127.0.0.1:%1/%2").arg(pooler ? pooler : pgPort()).arg(database);
}

bool TestEnvironment::throughPooler()
{
    return qEnvironmentVariableIsSet("TICKETS_TEST_POOLER_PORT");
}

static void adminExec(const QString &sql)
{
    const QString name = QStringLiteral("admin-") + QString::number(quintptr(&sql));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(TestEnvironment::pgPort());
        db.setUserName(QStringLiteral("tickets"));
        db.setDatabaseName(QStringLiteral("postgres"));
        if (!db.open())
            qFatal("cannot reach the fixture's PostgreSQL on port %d: %s", TestEnvironment::pgPort(),
                   qPrintable(db.lastError().text()));
        QSqlQuery query(db);
        if (!query.exec(sql))
            qFatal("%s failed: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    }
    QSqlDatabase::removeDatabase(name);
}

TestDatabase::TestDatabase(const QString &name)
    : m_name(TestEnvironment::throughPooler() ? name + QStringLiteral("_pgb") : name),
      m_connection(QStringLiteral("assert-") + m_name)
{
    adminExec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name));
    adminExec(QStringLiteral("CREATE DATABASE %1").arg(m_name));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connection);
    db.setHostName(QStringLiteral("127.0.0.1"));
    db.setPort(TestEnvironment::pgPort());
    db.setUserName(QStringLiteral("tickets"));
    db.setDatabaseName(m_name);
}

TestDatabase::~TestDatabase()
{
    QSqlDatabase::database(m_connection, false).close();
    QSqlDatabase::removeDatabase(m_connection);
}

QSqlDatabase TestDatabase::connection() const
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.isOpen() && !db.open())
        qWarning() << "assertion connection:" << db.lastError().text();
    return db;
}

QVariant TestDatabase::scalar(const QString &sql) const
{
    QSqlQuery query(connection());
    if (!query.exec(sql) || !query.next()) {
        qWarning() << sql << query.lastError().text();
        return {};
    }
    return query.value(0);
}

QVariantList TestDatabase::column(const QString &sql) const
{
    QSqlQuery query(connection());
    QVariantList values;
    if (!query.exec(sql))
        qWarning() << sql << query.lastError().text();
    while (query.next())
        values << query.value(0);
    return values;
}

int freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace tickets::test
