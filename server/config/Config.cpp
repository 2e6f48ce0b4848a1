#include "config/Config.h"

#include "validation/Converters.h"

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

// Integer settings share Pydantic's integer rules; the error names the variable and the range.
int integer(const Environment &env, const QString &key, int fallback, int min, int max)
{
    const QString text = value(env, key);
    if (text.isEmpty())
        return fallback;
    FieldErrors errors;
    const auto parsed = validation::asInt(QJsonValue(text), QJsonArray{key}, errors, min, max);
    if (!parsed)
        throw ConfigError(QStringLiteral("%1='%2' is not valid: expected an integer from %3 to %4")
                              .arg(key, text)
                              .arg(min)
                              .arg(max));
    return static_cast<int>(*parsed);
}

bool boolean(const Environment &env, const QString &key, bool fallback)
{
    const QString text = value(env, key);
    if (text.isEmpty())
        return fallback;
    FieldErrors errors;
    const auto parsed = validation::asBool(QJsonValue(text), QJsonArray{key}, errors);
    if (!parsed)
        throw ConfigError(QStringLiteral("%1='%2' is not valid: expected true or false").arg(key, text));
    return *parsed;
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
        throw ConfigError(QStringLiteral("SUPABASE_DB_URL must start with postgresql:// (found scheme '%1')")
                              .arg(url.scheme()));
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
    db.port = integer(env, QStringLiteral("SUPABASE_DB_PORT"), 5432, 1, 65535);
    return db;
}

QString stripQuotes(QString text)
{
    text = text.trimmed();
    if (text.size() >= 2 && (text.front() == u'"' || text.front() == u'\'') && text.back() == text.front())
        text = text.mid(1, text.size() - 2).trimmed();
    return text;
}

CorsSettings corsFrom(const Environment &env)
{
    CorsSettings cors;
    cors.allowAll = boolean(env, QStringLiteral("CORS_ALLOW_ALL"), false);
    if (!env.contains(QStringLiteral("CORS_ORIGINS"))) {
        cors.origins = QStringList{QStringLiteral("http://localhost:3000")};
        return cors;
    }
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

} // namespace

QString maskSecret(const QString &secret)
{
    return secret.isEmpty() ? QStringLiteral("(empty)") : QStringLiteral("****");
}

QString DatabaseSettings::describe() const
{
    QString text = QStringLiteral("postgresql://%1:%2@%3:%4/%5").arg(user, maskSecret(password), host).arg(port).arg(name);
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
    return {QStringLiteral("database: %1").arg(database.describe()),
            QStringLiteral("database timeouts: connect %1 s, statement %2 ms, lock %3 ms")
                .arg(database.connectTimeoutSeconds)
                .arg(database.statementTimeoutMs)
                .arg(database.lockTimeoutMs),
            QStringLiteral("redis: %1").arg(redis.describe()),
            QStringLiteral("http: %1:%2, %3 threads, access log %4")
                .arg(http.host)
                .arg(http.port)
                .arg(http.threads)
                .arg(http.accessLog ? QStringLiteral("on") : QStringLiteral("off")),
            QStringLiteral("http limits: body %1 B, headers %2 B, request %3 ms, idle %4 ms, %5 connections")
                .arg(http.limits.maxBodyBytes)
                .arg(http.limits.maxHeaderBytes)
                .arg(http.limits.requestTimeoutMs)
                .arg(http.limits.idleTimeoutMs)
                .arg(http.limits.maxConnections),
            QStringLiteral("cors: origins %1, regex %2, allow all %3, raw CORS_ORIGINS %4")
                .arg(cors.origins.join(QStringLiteral(", ")), cors.originRegex,
                     cors.allowAll ? QStringLiteral("True") : QStringLiteral("False"),
                     cors.fromEnvironment ? cors.raw : QStringLiteral("(unset)")),
            QStringLiteral("auth: required %1, token ttl %2 s, %3 failed logins per %4 s, trust proxy %5")
                .arg(auth.required ? QStringLiteral("True") : QStringLiteral("False"))
                .arg(auth.tokenTtlSeconds)
                .arg(auth.maxFailedLogins)
                .arg(auth.failedLoginWindowSeconds)
                .arg(auth.trustProxy ? QStringLiteral("True") : QStringLiteral("False")),
            QStringLiteral("debug: %1").arg(debug ? QStringLiteral("True") : QStringLiteral("False"))};
}

Config loadConfig(const Environment &env)
{
    Config config;
    const QString url = value(env, QStringLiteral("SUPABASE_DB_URL"));
    config.database = url.isEmpty() ? databaseFromComponents(env) : databaseFromUrl(url);
    config.database.connectTimeoutSeconds = integer(env, QStringLiteral("TICKETS_DB_CONNECT_TIMEOUT_S"), 5, 1, 300);
    config.database.statementTimeoutMs = integer(env, QStringLiteral("TICKETS_DB_STATEMENT_TIMEOUT_MS"), 5000, 0, 3600000);
    config.database.lockTimeoutMs = integer(env, QStringLiteral("TICKETS_DB_LOCK_TIMEOUT_MS"), 2000, 0, 3600000);

    config.redis.host = value(env, QStringLiteral("REDIS_HOST")).isEmpty() ? QStringLiteral("localhost")
                                                                            : value(env, QStringLiteral("REDIS_HOST"));
    config.redis.port = integer(env, QStringLiteral("REDIS_PORT"), 6379, 1, 65535);
    config.redis.password = env.value(QStringLiteral("REDIS_PASSWORD"));
    config.redis.upstashUrl = value(env, QStringLiteral("UPSTASH_REDIS_REST_URL"));
    config.redis.upstashToken = value(env, QStringLiteral("UPSTASH_REDIS_REST_TOKEN"));
    if (!config.redis.upstashUrl.isEmpty()) {
        const QUrl upstash(config.redis.upstashUrl, QUrl::StrictMode);
        if (!upstash.isValid() || upstash.host().isEmpty() ||
            (upstash.scheme() != QStringLiteral("https") && upstash.scheme() != QStringLiteral("http")))
            throw ConfigError(QStringLiteral("UPSTASH_REDIS_REST_URL is not a valid http(s) URL"));
    }
    if (config.redis.upstashUrl.isEmpty() != config.redis.upstashToken.isEmpty())
        config.warnings << QStringLiteral("UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN must both be set; "
                                          "using local Redis");

    config.http.host = value(env, QStringLiteral("API_HOST")).isEmpty() ? QStringLiteral("0.0.0.0")
                                                                         : value(env, QStringLiteral("API_HOST"));
    // Hosting platforms such as Render set PORT; API_PORT wins when both are present.
    const QString portKey = env.contains(QStringLiteral("API_PORT")) || !env.contains(QStringLiteral("PORT"))
                                ? QStringLiteral("API_PORT")
                                : QStringLiteral("PORT");
    config.http.port = integer(env, portKey, 8000, 0, 65535);
    config.http.threads = integer(env, QStringLiteral("TICKETS_HTTP_THREADS"), qMax(1, QThread::idealThreadCount()), 1, 64);
    config.http.accessLog = boolean(env, QStringLiteral("TICKETS_ACCESS_LOG"), true);
    HttpLimits &limits = config.http.limits;
    limits.maxBodyBytes = integer(env, QStringLiteral("TICKETS_MAX_BODY_BYTES"), 1024 * 1024, 1024, 256 * 1024 * 1024);
    limits.maxHeaderBytes = integer(env, QStringLiteral("TICKETS_MAX_HEADER_BYTES"), 32 * 1024, 1024, 1024 * 1024);
    limits.requestTimeoutMs = integer(env, QStringLiteral("TICKETS_REQUEST_TIMEOUT_MS"), 30000, 100, 3600000);
    limits.idleTimeoutMs = integer(env, QStringLiteral("TICKETS_IDLE_TIMEOUT_MS"), 60000, 100, 3600000);
    limits.maxConnections = integer(env, QStringLiteral("TICKETS_MAX_CONNECTIONS"), 10000, 1, 1000000);

    config.debug = boolean(env, QStringLiteral("DEBUG"), false);
    config.outboxPollMs = integer(env, QStringLiteral("TICKETS_OUTBOX_POLL_MS"), 1000, 10, 3600000);
    config.workerStaleSeconds = integer(env, QStringLiteral("TICKETS_WORKER_STALE_S"), 30, 1, 86400);
    config.auth.required = boolean(env, QStringLiteral("AUTH_REQUIRED"), true);
    config.auth.tokenTtlSeconds = integer(env, QStringLiteral("TICKETS_TOKEN_TTL_S"), 8 * 3600, 60, 90 * 86400);
    config.auth.maxFailedLogins = integer(env, QStringLiteral("TICKETS_LOGIN_MAX_FAILURES"), 5, 1, 1000);
    config.auth.failedLoginWindowSeconds = integer(env, QStringLiteral("TICKETS_LOGIN_WINDOW_S"), 15 * 60, 1, 86400);
    config.auth.trustProxy = boolean(env, QStringLiteral("TICKETS_TRUST_PROXY"), false);
    config.auth.liveRevalidateMs = integer(env, QStringLiteral("TICKETS_LIVE_REVALIDATE_MS"), 30000, 100, 3600000);
    if (!config.auth.required)
        config.warnings << kAuthDisabledWarning;
    config.cors = corsFrom(env);
    if (!QRegularExpression(config.cors.originRegex).isValid())
        throw ConfigError(QStringLiteral("CORS origin regex is invalid"));
    if (config.cors.allowAll)
        config.warnings << QStringLiteral("CORS_ALLOW_ALL=True: every origin is allowed. Use it only for debugging.");
    return config;
}

Environment parseDotEnv(const QByteArray &content)
{
    Environment env;
    static const QRegularExpression line(QStringLiteral(R"(^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$)"));
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
