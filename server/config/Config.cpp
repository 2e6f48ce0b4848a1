#include "config/Config.h"

#include "config/Settings.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

namespace tickets::server {

namespace {

const QString kDatabaseRequired = QStringLiteral("Se requiere SUPABASE_DB_URL o componentes individuales de conexión");

QString value(const Environment &env, const QString &key)
{
    return env.value(key).trimmed();
}

DatabaseSettings databaseFromUrl(const QString &raw)
{
    const QUrl url(raw, QUrl::StrictMode);
    static const QStringList schemes{QStringLiteral("postgresql"), QStringLiteral("postgres"),
                                     QStringLiteral("postgresql+psycopg2"), QStringLiteral("postgresql+psycopg"),
                                     QStringLiteral("postgresql+asyncpg")};
    if (!url.isValid())
        throw ConfigError(QStringLiteral("SUPABASE_DB_URL is not a valid URL: %1").arg(url.errorString()));
    if (!schemes.contains(url.scheme().toLower()))
        throw ConfigError(
            QStringLiteral("SUPABASE_DB_URL must start with postgresql:// (found scheme '%1')").arg(url.scheme()));
    if (url.host().isEmpty())
        throw ConfigError(QStringLiteral("SUPABASE_DB_URL has no host"));
    if (url.port() == 0)
        throw ConfigError(QStringLiteral("SUPABASE_DB_URL has an invalid port"));

    DatabaseSettings db;
    db.source = QStringLiteral("SUPABASE_DB_URL");
    db.host = url.host();
    db.port = url.port(5432);
    db.user = url.userName(QUrl::FullyDecoded);
    db.password = url.password(QUrl::FullyDecoded);
    db.name = url.path(QUrl::FullyDecoded).mid(1);
    if (db.name.isEmpty())
        db.name = QStringLiteral("postgres");
    if (db.user.isEmpty())
        throw ConfigError(QStringLiteral("SUPABASE_DB_URL has no user name"));
    static const QRegularExpression keyword(QStringLiteral("^[a-z_]+$"));
    const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto &[key, val] : items) {
        if (!keyword.match(key).hasMatch())
            throw ConfigError(QStringLiteral("SUPABASE_DB_URL has an invalid parameter '%1'").arg(key));
        db.parameters.insert(key, val);
    }
    return db;
}

DatabaseSettings databaseFromComponents(const Environment &env)
{
    const QStringList keys{QStringLiteral("SUPABASE_DB_USER"), QStringLiteral("SUPABASE_DB_HOST"),
                           QStringLiteral("SUPABASE_DB_NAME")};
    QStringList missing;
    for (const QString &key : keys) {
        if (value(env, key).isEmpty())
            missing << key;
    }
    if (missing.size() == keys.size() && value(env, QStringLiteral("SUPABASE_DB_PASSWORD")).isEmpty())
        throw ConfigError(kDatabaseRequired);
    if (!missing.isEmpty())
        throw ConfigError(kDatabaseRequired + QStringLiteral(" (missing: %1)").arg(missing.join(QStringLiteral(", "))));
    DatabaseSettings db;
    db.source = QStringLiteral("SUPABASE_DB_*");
    db.user = value(env, QStringLiteral("SUPABASE_DB_USER"));
    db.password = env.value(QStringLiteral("SUPABASE_DB_PASSWORD"));
    db.host = value(env, QStringLiteral("SUPABASE_DB_HOST"));
    db.name = value(env, QStringLiteral("SUPABASE_DB_NAME"));
    const QString port = value(env, QStringLiteral("SUPABASE_DB_PORT"));
    if (!port.isEmpty()) {
        bool ok = false;
        db.port = port.toInt(&ok);
        if (!ok || db.port < 1 || db.port > 65535)
            throw ConfigError(
                QStringLiteral("SUPABASE_DB_PORT='%1' is not valid: expected an integer from 1 to 65535").arg(port));
    }
    return db;
}

QString stripQuotes(QString text)
{
    text = text.trimmed();
    if (text.size() >= 2 && (text.front() == u'"' || text.front() == u'\'') && text.back() == text.front())
        text = text.mid(1, text.size() - 2).trimmed();
    return text;
}

} // namespace

DatabaseSettings databaseFrom(const Environment &env)
{
    const QString url = value(env, QStringLiteral("SUPABASE_DB_URL"));
    return url.isEmpty() ? databaseFromComponents(env) : databaseFromUrl(url);
}

CorsSettings corsFrom(const Environment &env)
{
    CorsSettings cors;
    if (!env.contains(QStringLiteral("CORS_ORIGINS")))
        return cors;
    cors.origins.clear();
    cors.fromEnvironment = true;
    cors.raw = env.value(QStringLiteral("CORS_ORIGINS"));
    const QString text = stripQuotes(cors.raw);
    QStringList entries;
    if (text.startsWith(u'[')) {
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !document.isArray())
            throw ConfigError(QStringLiteral("CORS_ORIGINS is not a valid JSON array: %1").arg(error.errorString()));
        for (const QJsonValue &item : document.array()) {
            if (!item.isString())
                throw ConfigError(QStringLiteral("CORS_ORIGINS must contain only strings"));
            entries << item.toString();
        }
    } else {
        entries = text.split(u',');
    }
    for (QString origin : entries) {
        origin = stripQuotes(origin);
        while (origin.endsWith(u'/'))
            origin.chop(1);
        if (!origin.isEmpty() && !cors.origins.contains(origin))
            cors.origins << origin;
    }
    return cors;
}

QString maskSecret(const QString &secret)
{
    return secret.isEmpty() ? QStringLiteral("(empty)") : QStringLiteral("****");
}

QString DatabaseSettings::describe() const
{
    QString text =
        QStringLiteral("postgresql://%1:%2@%3:%4/%5").arg(user, maskSecret(password), host).arg(port).arg(name);
    QStringList params;
    for (auto it = parameters.cbegin(); it != parameters.cend(); ++it)
        params << it.key() + u'=' + it.value();
    if (!params.isEmpty())
        text += u'?' + params.join(u'&');
    return text + QStringLiteral(" (from %1)").arg(source);
}

QString RedisSettings::describe() const
{
    if (useUpstash())
        return QStringLiteral("Upstash REST %1 (token %2)").arg(upstashUrl, maskSecret(upstashToken));
    return QStringLiteral("redis://%1:%2 (password %3)").arg(host).arg(port).arg(maskSecret(password));
}

QStringList Config::describe() const
{
    QStringList lines{QStringLiteral("database: %1").arg(database.describe()),
                      QStringLiteral("redis: %1").arg(redis.describe()),
                      QStringLiteral("cors: origins %1, regex %2, allow all %3, raw CORS_ORIGINS %4")
                          .arg(cors.origins.join(QStringLiteral(", ")), cors.originRegex,
                               cors.allowAll ? QStringLiteral("True") : QStringLiteral("False"),
                               cors.fromEnvironment ? cors.raw : QStringLiteral("(unset)"))};
    // Every setting of the table, as if set by hand (secrets masked).
    QStringList effective;
    for (const Setting &setting : settings()) {
        if (setting.show)
            effective << setting.variable + u'=' +
                             (setting.secret ? maskSecret(setting.show(*this)) : setting.show(*this));
    }
    lines << QStringLiteral("settings: ") + effective.join(QStringLiteral(" "));
    return lines;
}

Config loadConfig(const Environment &env)
{
    Config config;
    for (const Setting &setting : settings())
        setting.read(config, env);
    if (config.http.threads == 0)
        config.http.threads = qMax(1, QThread::idealThreadCount());
    if (config.redis.host.isEmpty())
        config.redis.host = Config{}.redis.host;
    if (config.http.host.isEmpty())
        config.http.host = Config{}.http.host;
    if (!config.redis.upstashUrl.isEmpty()) {
        const QUrl upstash(config.redis.upstashUrl, QUrl::StrictMode);
        if (!upstash.isValid() || upstash.host().isEmpty() ||
            (upstash.scheme() != QStringLiteral("https") && upstash.scheme() != QStringLiteral("http")))
            throw ConfigError(QStringLiteral("UPSTASH_REDIS_REST_URL is not a valid http(s) URL"));
    }
    if (config.redis.upstashUrl.isEmpty() != config.redis.upstashToken.isEmpty())
        config.warnings << QStringLiteral("UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN must both be set; "
                                          "using local Redis");
    if (!config.auth.required)
        config.warnings << kAuthDisabledWarning;
    if (config.cors.allowAll)
        config.warnings << QStringLiteral("CORS_ALLOW_ALL=True: every origin is allowed. Use it only for debugging.");
    return config;
}

Environment parseDotEnv(const QByteArray &content)
{
    Environment env;
    static const QRegularExpression line(
        QStringLiteral(R"(^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$)"));
    for (const QByteArray &rawLine : content.split('\n')) {
        const QString text = QString::fromUtf8(rawLine).remove(u'\r');
        if (text.trimmed().isEmpty() || text.trimmed().startsWith(u'#'))
            continue;
        const auto match = line.match(text);
        if (!match.hasMatch())
            continue;
        QString val = match.captured(2);
        if (!val.isEmpty() && (val.front() == u'"' || val.front() == u'\'')) {
            const QChar quote = val.front();
            const qsizetype end = val.indexOf(quote, 1);
            val = end > 0 ? val.mid(1, end - 1) : val.mid(1);
            if (quote == u'"')
                val.replace(QStringLiteral("\\n"), QStringLiteral("\n"));
        } else {
            // An unquoted value ends at a " #" comment: REDIS_PASSWORD=  # Opcional
            const qsizetype comment = val.indexOf(QRegularExpression(QStringLiteral(R"((^|\s)#)")));
            if (comment >= 0)
                val = val.left(comment).trimmed();
        }
        env.insert(match.captured(1), val);
    }
    return env;
}

Environment readEnvironment(const QString &dotEnvPath)
{
    Environment env;
    QFile file(dotEnvPath);
    if (!dotEnvPath.isEmpty() && file.open(QIODevice::ReadOnly))
        env = parseDotEnv(file.readAll());
    const QProcessEnvironment process = QProcessEnvironment::systemEnvironment();
    for (const QString &key : process.keys())
        env.insert(key, process.value(key));
    return env;
}

} // namespace tickets::server
