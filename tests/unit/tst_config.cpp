// Configuration: the spec's variables, .env files, and clear refusals of unusable values.

#include "ServerProcess.h"
#include "TestEnvironment.h"
#include "config/Config.h"
#include "config/Settings.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tickets::server;
using tickets::test::ServerProcess;

class TestConfig : public QObject
{
    Q_OBJECT

    static Environment base()
    {
        return {{"SUPABASE_DB_URL", "postgresql://u:p%40ss@db.example.com:6543/tickets?sslmode=require"}};
    }

private Q_SLOTS:
    void databaseUrlIsParsed()
    {
        const Config config = loadConfig(base());
        QCOMPARE(config.database.host, QStringLiteral("db.example.com"));
        QCOMPARE(config.database.port, 6543);
        QCOMPARE(config.database.user, QStringLiteral("u"));
        QCOMPARE(config.database.password, QStringLiteral("p@ss"));
        QCOMPARE(config.database.name, QStringLiteral("tickets"));
        QCOMPARE(config.database.parameters.value("sslmode"), QStringLiteral("require"));
        QVERIFY(!config.database.describe().contains("p@ss"));
    }

    void componentsAreAnAlternative()
    {
        const Config config = loadConfig({{"SUPABASE_DB_USER", "postgres.x"},
                                          {"SUPABASE_DB_PASSWORD", "pw"},
                                          {"SUPABASE_DB_HOST", "h"},
                                          {"SUPABASE_DB_NAME", "postgres"}});
        QCOMPARE(config.database.port, 5432);
        QCOMPARE(config.database.user, QStringLiteral("postgres.x"));
    }

    void defaultsFollowTheSpec()
    {
        const Config config = loadConfig(base());
        QCOMPARE(config.http.host, QStringLiteral("0.0.0.0"));
        QCOMPARE(config.http.port, 8000);
        QCOMPARE(config.redis.host, QStringLiteral("localhost"));
        QCOMPARE(config.redis.port, 6379);
        QVERIFY(!config.redis.useUpstash());
        QVERIFY(!config.debug);
        QVERIFY(!config.cors.allowAll);
        QCOMPARE(config.http.limits.maxBodyBytes, 1024 * 1024);
    }

    // The README's table is the settings table, as generated; a new or changed setting shows
    // here first.
    void readmeListsEverySettingAsTheTableSays()
    {
        QFile readme(qEnvironmentVariable("TICKETS_SOURCE_DIR") + QStringLiteral("/README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(readme.readAll());
        QVERIFY2(text.contains(settingsMarkdownTable()),
                 qPrintable(QStringLiteral("README.md's configuration table differs; expected:\n") +
                            settingsMarkdownTable()));
        // Every variable loadConfig reads is in the table (a setting read elsewhere would not be).
        QStringList variables;
        for (const Setting &setting : settings())
            variables << setting.variable;
        QVERIFY(variables.contains("TICKETS_WORKER_STALE_S") && variables.contains("CORS_ORIGIN_REGEX"));
        QCOMPARE(QSet<QString>(variables.cbegin(), variables.cend()).size(), variables.size());
    }

    void effectiveConfigurationIsLoggedWhole()
    {
        Environment env = base();
        env.insert("REDIS_PASSWORD", "s3cret-redis");
        env.insert("TICKETS_WORKER_STALE_S", "45");
        const QString described = loadConfig(env).describe().join(u'\n');
        for (const Setting &setting : settings()) {
            if (setting.show)
                QVERIFY2(described.contains(setting.variable + u'='), qPrintable(setting.variable));
        }
        QVERIFY(described.contains("TICKETS_WORKER_STALE_S=45"));
        QVERIFY(!described.contains("s3cret-redis") && !described.contains("p@ss"));
    }

    void theVercelRuleIsASetting()
    {
        QCOMPARE(loadConfig(base()).cors.originRegex, QStringLiteral(R"(https://.*\.vercel\.app)"));
        Environment env = base();
        env.insert("CORS_ORIGIN_REGEX", "");
        QCOMPARE(loadConfig(env).cors.originRegex, QString());
        env.insert("CORS_ORIGIN_REGEX", "https://(");
        QVERIFY_THROWS_EXCEPTION(ConfigError, loadConfig(env));
    }

    void portFromHostingPlatform()
    {
        Environment env = base();
        env.insert("PORT", "10000");
        QCOMPARE(loadConfig(env).http.port, 10000);
        env.insert("API_PORT", "9000");
        QCOMPARE(loadConfig(env).http.port, 9000);
    }

    void corsOriginsBothFormats()
    {
        Environment env = base();
        env.insert("CORS_ORIGINS", "[\"http://localhost:3000\", \"https://ticketsyeso.vercel.app/\"]");
        Config config = loadConfig(env);
        QCOMPARE(config.cors.origins, QStringList({"http://localhost:3000", "https://ticketsyeso.vercel.app"}));
        QVERIFY(config.cors.fromEnvironment);
        env.insert("CORS_ORIGINS", "\"http://localhost:3000, https://example.com\"");
        QCOMPARE(loadConfig(env).cors.origins, QStringList({"http://localhost:3000", "https://example.com"}));
        env.insert("CORS_ALLOW_ALL", "True");
        config = loadConfig(env);
        QVERIFY(config.cors.allowAll);
        QVERIFY(!config.warnings.isEmpty());
    }

    void unusableValuesNameTheVariable_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("port") << "API_PORT"
                              << "abc";
        QTest::newRow("port range") << "API_PORT"
                                    << "70000";
        QTest::newRow("url") << "SUPABASE_DB_URL"
                             << "mysql://x@y/z";
        QTest::newRow("url host") << "SUPABASE_DB_URL"
                                  << "postgresql:///tickets";
        QTest::newRow("cors json") << "CORS_ORIGINS"
                                   << "[\"http://a\",";
        QTest::newRow("debug") << "DEBUG"
                               << "maybe";
        QTest::newRow("redis port") << "REDIS_PORT"
                                    << "-1";
        QTest::newRow("upstash") << "UPSTASH_REDIS_REST_URL"
                                 << "not a url";
    }
    void unusableValuesNameTheVariable()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        Environment env = base();
        env.insert(key, value);
        try {
            loadConfig(env);
            QFAIL("accepted an unusable value");
        } catch (const ConfigError &error) {
            QVERIFY2(error.message().contains(key), qPrintable(error.message()));
        }
    }

    void noDatabaseIsRefusedWithTheSpecMessage()
    {
        try {
            loadConfig({});
            QFAIL("accepted no database");
        } catch (const ConfigError &error) {
            QCOMPARE(error.message(),
                     QStringLiteral("Se requiere SUPABASE_DB_URL o componentes individuales de conexión"));
        }
    }

    void dotEnvSyntax()
    {
        const Environment env = parseDotEnv("# comment\n"
                                            "export API_PORT=9001\n"
                                            "REDIS_PASSWORD=  # Opcional\n"
                                            "CORS_ORIGINS=[\"http://localhost:3000\", \"https://a.b\"]\n"
                                            "SUPABASE_DB_PASSWORD=\"p#ss word\"\r\n"
                                            "DEBUG='True'\n"
                                            "garbage line\n");
        QCOMPARE(env.value("API_PORT"), QStringLiteral("9001"));
        QCOMPARE(env.value("REDIS_PASSWORD"), QString());
        QCOMPARE(env.value("CORS_ORIGINS"), QStringLiteral("[\"http://localhost:3000\", \"https://a.b\"]"));
        QCOMPARE(env.value("SUPABASE_DB_PASSWORD"), QStringLiteral("p#ss word"));
        QCOMPARE(env.value("DEBUG"), QStringLiteral("True"));
        QCOMPARE(env.size(), 5);
    }

    // The binary itself: exit codes and messages an operator sees.
    void binaryRefusesMissingDatabase()
    {
        const auto outcome = ServerProcess::run({}, {});
        QVERIFY(outcome.exitCode != 0);
        QVERIFY2(outcome.output.contains("Se requiere SUPABASE_DB_URL o componentes individuales de conexi"),
                 outcome.output);
    }

    void binaryRefusesBadPort()
    {
        const auto outcome =
            ServerProcess::run({}, {{"SUPABASE_DB_URL", "postgresql://u@127.0.0.1/x"}, {"API_PORT", "abc"}});
        QVERIFY(outcome.exitCode != 0);
        QVERIFY2(outcome.output.contains("API_PORT='abc'"), outcome.output);
        QCOMPARE(outcome.output.trimmed().count('\n'), 0); // one clear line
    }

    void binaryReadsEnvFileAndEnvironmentWins()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath("tickets.env"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("SUPABASE_DB_URL=" + tickets::test::TestEnvironment::databaseUrl("postgres").toUtf8() +
                   "\nREDIS_PORT=1\n");
        file.close();
        // REDIS_PORT from the environment (the fixture's) beats the file's 1.
        const auto outcome = ServerProcess::run({"--env-file", file.fileName(), "--check-connections"}, {});
        QVERIFY2(outcome.exitCode == 0, outcome.output);
        QVERIFY(outcome.output.contains("PostgreSQL: OK"));
        QVERIFY(outcome.output.contains("Redis: OK"));

        const auto broken = ServerProcess::run({"--check-connections"},
                                               {{"SUPABASE_DB_URL", "postgresql://u:secret-pw@127.0.0.1:1/x"}});
        QCOMPARE(broken.exitCode, 1);
        QVERIFY(broken.output.contains("PostgreSQL: ERROR"));
        QVERIFY2(!broken.output.contains("secret-pw"), broken.output);
    }

    void debugRaisesTheLogLevel()
    {
        const QMap<QString, QString> env{{"SUPABASE_DB_URL", tickets::test::TestEnvironment::databaseUrl("postgres")}};
        auto quiet = ServerProcess::run({"--check-connections"}, env);
        QVERIFY(!quiet.output.contains("DEBUG tickets.db"));
        auto env2 = env;
        env2.insert("DEBUG", "True");
        const auto verbose = ServerProcess::run({"--check-connections"}, env2);
        QVERIFY2(verbose.output.contains("DEBUG tickets.db"), verbose.output);
        QVERIFY(!verbose.output.contains("secret"));
    }

    void versionAndHelp()
    {
        const auto version = ServerProcess::run({"--version"}, {});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.output.contains(TICKETS_VERSION));
        const auto help = ServerProcess::run({"--help"}, {});
        for (const char *option : {"--host", "--port", "--env-file", "--migrate-only", "--check-connections"})
            QVERIFY2(help.output.contains(option), option);
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
