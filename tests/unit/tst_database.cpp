// The storage layer's connection on the real PostgreSQL, in both pool modes: values written
// into the SQL text behind a transaction-mode pooler come back exactly as bound values do
// through Qt's prepared statements, hostile text stays text, types the driver would write
// unquoted are refused, and every transaction carries the configured timeouts. Its
// ".pgbouncer" run goes through PgBouncer in transaction mode.

#include "TestEnvironment.h"
#include "config/Config.h"
#include "storage/Database.h"
#include "storage/InlineValues.h"

#include <QDateTime>
#include <QSqlDriver>
#include <QTest>
#include <QUrl>
#include <QUuid>

#include <stdexcept>

using namespace tickets::server;
using namespace tickets::test;

namespace {

DatabaseSettings settingsFor(const QString &name, PoolMode mode)
{
    const QUrl url(TestEnvironment::databaseUrl(name));
    DatabaseSettings settings;
    settings.host = url.host();
    settings.port = url.port();
    settings.user = url.userName();
    settings.name = name;
    settings.statementTimeoutMs = 4321;
    settings.lockTimeoutMs = 1234;
    settings.poolMode = mode;
    return settings;
}

QVariant selectOne(Database &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery &query = db.prepared(sql);
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    db.exec(query);
    const QVariant value = query.next() ? query.value(0) : QVariant(QStringLiteral("<no row>"));
    query.finish();
    return value;
}

} // namespace

class TestDatabaseConnection : public QObject
{
    Q_OBJECT

private:
    TestDatabase m_db{QStringLiteral("conexion")};
    // The mode this run's servers use: transaction in the ".pgbouncer" run, session otherwise.
    PoolMode m_mode = qEnvironmentVariable("TICKETS_DB_POOL_MODE") == QLatin1String("transaction")
                          ? PoolMode::Transaction
                          : PoolMode::Session;

private Q_SLOTS:
    void valuesComeBackAsTheyWereBound_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("expected"); // the value as PostgreSQL prints it back
        const QString asText = QStringLiteral("SELECT (?)::text");
        QTest::newRow("quote") << asText << QVariant(QStringLiteral("O'Reilly")) << QStringLiteral("O'Reilly");
        QTest::newRow("injection") << asText << QVariant(QStringLiteral("x'); DROP TABLE t; --"))
                                   << QStringLiteral("x'); DROP TABLE t; --");
        QTest::newRow("backslashes") << asText << QVariant(QStringLiteral("a\\'b\\\\n"))
                                     << QStringLiteral("a\\'b\\\\n");
        QTest::newRow("dollar quotes") << asText << QVariant(QStringLiteral("$$;$x$")) << QStringLiteral("$$;$x$");
        QTest::newRow("question mark") << asText << QVariant(QStringLiteral("¿? ?")) << QStringLiteral("¿? ?");
        QTest::newRow("unicode") << asText << QVariant(QStringLiteral("ñandú 😀 \u202e"))
                                 << QStringLiteral("ñandú 😀 \u202e");
        QTest::newRow("empty") << asText << QVariant(QStringLiteral("")) << QStringLiteral("");
        QTest::newRow("null text") << QStringLiteral("SELECT coalesce((?)::text, 'NULL')") << QVariant(QString())
                                   << QStringLiteral("NULL");
        QTest::newRow("null uuid") << QStringLiteral("SELECT coalesce((?)::uuid::text, 'NULL')") << QVariant(QUuid())
                                   << QStringLiteral("NULL");
        QTest::newRow("int64") << QStringLiteral("SELECT (?)::bigint::text")
                               << QVariant(std::numeric_limits<qint64>::min())
                               << QStringLiteral("-9223372036854775808");
        QTest::newRow("bool") << QStringLiteral("SELECT (?)::boolean::text") << QVariant(false)
                              << QStringLiteral("false");
        QTest::newRow("double") << QStringLiteral("SELECT (?)::float8::text") << QVariant(0.1) << QStringLiteral("0.1");
        QTest::newRow("uuid") << QStringLiteral("SELECT (?)::uuid::text")
                              << QVariant(QUuid(QStringLiteral("{6f9619ff-8b86-d011-b42d-00cf4fc964ff}")))
                              << QStringLiteral("6f9619ff-8b86-d011-b42d-00cf4fc964ff");
        QTest::newRow("timestamp") << QStringLiteral("SELECT to_char((?)::timestamptz, 'YYYY-MM-DD HH24:MI:SS.MS TZ')")
                                   << QVariant(QDateTime(QDate(2026, 12, 2), QTime(19, 5, 6, 789), Qt::UTC))
                                   << QStringLiteral("2026-12-02 19:05:06.789 UTC");
        QTest::newRow("bytes") << QStringLiteral("SELECT encode((?)::bytea, 'hex')")
                               << QVariant(QByteArray("\x00\x01'\\\xff", 5)) << QStringLiteral("0001275cff");
    }

    void valuesComeBackAsTheyWereBound()
    {
        QFETCH(QString, sql);
        QFETCH(QVariant, value);
        QFETCH(QString, expected);
        Database db(settingsFor(m_db.name(), m_mode), QStringLiteral("values"));
        QCOMPARE(selectOne(db, sql, {value}).toString(), expected);
        // Again on the same statement, with its values bound anew, as repositories reuse them.
        QCOMPARE(selectOne(db, sql, {value}).toString(), expected);
    }

    void questionMarksInsideQuotesAreNotPlaceholders()
    {
        Database db(settingsFor(m_db.name(), m_mode), QStringLiteral("quotes"));
        QCOMPARE(selectOne(db, QStringLiteral("SELECT '?' || \"?\".x || (?)::text FROM (SELECT '!' AS x) AS \"?\""),
                           {QStringLiteral("ok")})
                     .toString(),
                 QStringLiteral("?!ok"));
    }

    void unsupportedValuesAreRefused()
    {
        Database db(settingsFor(m_db.name(), m_mode), QStringLiteral("refused"));
        QVERIFY(db.open());
        const QSqlDriver &driver = *db.connection().driver();
        // The driver writes unknown types unquoted: a URL would become SQL.
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument,
            inlineValues(QStringLiteral("SELECT ?"), {QUrl(QStringLiteral("http://x/'); DROP TABLE t; --"))}, driver));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, inlineValues(QStringLiteral("SELECT ?, ?"), {1}, driver));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, inlineValues(QStringLiteral("SELECT ?"), {1, 2}, driver));
        // Text after a NUL would silently vanish: PostgreSQL's own answer for it (class 22, a 400).
        try {
            inlineValues(QStringLiteral("SELECT ?"), {QString::fromUtf16(u"a\0b", 3)}, driver);
            QFAIL("a NUL was accepted");
        } catch (const SqlError &error) {
            QCOMPARE(error.sqlState(), QStringLiteral("22021"));
            QVERIFY(error.isRefusedValue());
        }
        QCOMPARE(inlineValues(QStringLiteral("SELECT ?, ?, ?"), {QVariant(), 7, QStringLiteral("it's")}, driver),
                 QStringLiteral("SELECT NULL, 7, 'it''s'"));
    }

    void transactionsCarryTheConfiguredTimeouts()
    {
        Database db(settingsFor(m_db.name(), m_mode), QStringLiteral("timeouts"));
        const auto settings = db.transaction([&] {
            return selectOne(db,
                             QStringLiteral("SELECT current_setting('statement_timeout') || ' ' || "
                                            "current_setting('lock_timeout') || ' ' || current_setting('TimeZone')"),
                             {})
                .toString();
        });
        QCOMPARE(settings, QStringLiteral("4321ms 1234ms UTC"));
    }

    void aLongStatementInATransactionIsCancelled()
    {
        DatabaseSettings settings = settingsFor(m_db.name(), m_mode);
        settings.statementTimeoutMs = 200;
        Database db(settings, QStringLiteral("cancelled"));
        QVERIFY_THROWS_EXCEPTION(DatabaseUnavailable, db.transaction([&] {
            selectOne(db, QStringLiteral("SELECT pg_sleep(3)::text"), {});
        }));
        // The connection is usable afterwards.
        QCOMPARE(selectOne(db, QStringLiteral("SELECT 'ok'"), {}).toString(), QStringLiteral("ok"));
    }

    void statementsOfTwoConnectionsInterleave()
    {
        // One connection holds a backend in an open transaction while the other runs the same
        // statements again and again: behind the pooler they land on the remaining backends in
        // turn, which a PREPAREd statement would not survive ("does not exist").
        Database holder(settingsFor(m_db.name(), m_mode), QStringLiteral("holder"));
        Database other(settingsFor(m_db.name(), m_mode), QStringLiteral("other"));
        holder.transaction([&] {
            QCOMPARE(selectOne(holder, QStringLiteral("SELECT (?)::int + 1"), {1}).toInt(), 2);
            for (int i = 0; i < 20; ++i)
                QCOMPARE(selectOne(other, QStringLiteral("SELECT (?)::int * 2"), {i}).toInt(), i * 2);
            QCOMPARE(selectOne(holder, QStringLiteral("SELECT (?)::int + 1"), {2}).toInt(), 3);
        });
    }
};

QTEST_GUILESS_MAIN(TestDatabaseConnection)
#include "tst_database.moc"
