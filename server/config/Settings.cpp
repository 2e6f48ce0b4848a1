#include "config/Settings.h"

#include "validation/Converters.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace tickets::server {

namespace {

QString trimmed(const Environment &env, const QString &key)
{
    return env.value(key).trimmed();
}

QString pythonBool(bool value)
{
    return value ? QStringLiteral("True") : QStringLiteral("False");
}

// Integer settings share Pydantic's integer rules; the error names the variable and the range.
template <typename T> T integer(const Environment &env, const QString &key, T fallback, qint64 min, qint64 max)
{
    const QString text = trimmed(env, key);
    if (text.isEmpty())
        return fallback;
    FieldErrors errors;
    const auto parsed = validation::asInt(QJsonValue(text), QJsonArray{key}, errors, min, max);
    if (!parsed)
        throw ConfigError(
            QStringLiteral("%1='%2' is not valid: expected an integer from %3 to %4").arg(key, text).arg(min).arg(max));
    return static_cast<T>(*parsed);
}

bool boolean(const Environment &env, const QString &key, bool fallback)
{
    const QString text = trimmed(env, key);
    if (text.isEmpty())
        return fallback;
    FieldErrors errors;
    const auto parsed = validation::asBool(QJsonValue(text), QJsonArray{key}, errors);
    if (!parsed)
        throw ConfigError(QStringLiteral("%1='%2' is not valid: expected true or false").arg(key, text));
    return *parsed;
}

template <typename T> using Field = T &(*)(Config &);

template <typename T>
Setting integerSetting(const char *variable, Field<T> field, qint64 min, qint64 max, const char *meaning)
{
    Setting setting;
    setting.variable = QString::fromLatin1(variable);
    setting.meaning = QString::fromUtf8(meaning);
    setting.read = [field, min, max, name = setting.variable](Config &config, const Environment &env) {
        field(config) = integer<T>(env, name, field(config), min, max);
    };
    setting.show = [field](const Config &config) { return QString::number(field(const_cast<Config &>(config))); };
    return setting;
}

Setting booleanSetting(const char *variable, Field<bool> field, const char *meaning)
{
    Setting setting;
    setting.variable = QString::fromLatin1(variable);
    setting.meaning = QString::fromUtf8(meaning);
    setting.read = [field, name = setting.variable](Config &config, const Environment &env) {
        field(config) = boolean(env, name, field(config));
    };
    setting.show = [field](const Config &config) { return pythonBool(field(const_cast<Config &>(config))); };
    return setting;
}

Setting textSetting(const char *variable, Field<QString> field, bool secret, const char *meaning)
{
    Setting setting;
    setting.variable = QString::fromLatin1(variable);
    setting.meaning = QString::fromUtf8(meaning);
    setting.secret = secret;
    setting.read = [field, name = setting.variable, secret](Config &config, const Environment &env) {
        if (!env.contains(name))
            return;
        // Secrets are taken as given (a password may end in a space); other text is trimmed.
        const QString text = secret ? env.value(name) : trimmed(env, name);
        if (!text.isEmpty() || secret)
            field(config) = text;
    };
    setting.show = [field](const Config &config) { return field(const_cast<Config &>(config)); };
    return setting;
}

// A variable read by another setting's parser (the database parts, PORT): documented and
// logged here, parsed there.
Setting documented(const char *variable, const char *meaning, bool secret = false, const char *defaultText = "")
{
    Setting setting;
    setting.variable = QString::fromLatin1(variable);
    setting.meaning = QString::fromUtf8(meaning);
    setting.secret = secret;
    setting.defaultOverride = QString::fromUtf8(defaultText);
    setting.read = [](Config &, const Environment &) {};
    return setting;
}

Setting with(Setting setting, const char *defaultText)
{
    setting.defaultOverride = QString::fromUtf8(defaultText);
    return setting;
}

QList<Setting> buildSettings()
{
    QList<Setting> list;
    Setting url;
    url.variable = QStringLiteral("SUPABASE_DB_URL");
    url.meaning =
        QStringLiteral("`postgresql://user:pass@host:port/db?sslmode=…` (libpq parameters in the query are passed "
                       "on); or the parts below");
    url.secret = true;
    url.read = [](Config &config, const Environment &env) {
        const DatabaseSettings timeouts = config.database;
        config.database = databaseFrom(env);
        config.database.connectTimeoutSeconds = timeouts.connectTimeoutSeconds;
        config.database.statementTimeoutMs = timeouts.statementTimeoutMs;
        config.database.lockTimeoutMs = timeouts.lockTimeoutMs;
        config.database.poolMode = timeouts.poolMode;
    };
    url.show = [](const Config &config) { return config.database.describe(); };
    list << url;
    list << documented("SUPABASE_DB_HOST", "PostgreSQL host, used when there is no `SUPABASE_DB_URL`");
    list << documented("SUPABASE_DB_PORT", "its port", false, "5432");
    list << documented("SUPABASE_DB_USER", "its user");
    list << documented("SUPABASE_DB_PASSWORD", "its password", true);
    list << documented("SUPABASE_DB_NAME", "the database");
    list << integerSetting<int>(
        "TICKETS_DB_CONNECT_TIMEOUT_S", [](Config &c) -> int & { return c.database.connectTimeoutSeconds; }, 1, 300,
        "libpq `connect_timeout`");
    list << integerSetting<int>(
        "TICKETS_DB_STATEMENT_TIMEOUT_MS", [](Config &c) -> int & { return c.database.statementTimeoutMs; }, 0, 3600000,
        "PostgreSQL `statement_timeout` of every session");
    list << integerSetting<int>(
        "TICKETS_DB_LOCK_TIMEOUT_MS", [](Config &c) -> int & { return c.database.lockTimeoutMs; }, 0, 3600000,
        "PostgreSQL `lock_timeout` of every session");
    Setting poolMode;
    poolMode.variable = QStringLiteral("TICKETS_DB_POOL_MODE");
    poolMode.meaning = QStringLiteral(
        "`transaction` when `SUPABASE_DB_URL` is a transaction-mode pooler (PgBouncer `pool_mode = transaction`, "
        "Supavisor port 6543): no prepared statements, no session settings (the timeouts above are set per "
        "transaction; give single statements one with `ALTER ROLE … SET statement_timeout`); `session` for a direct "
        "connection or a session-mode pooler");
    poolMode.read = [](Config &config, const Environment &env) {
        const QString text = trimmed(env, QStringLiteral("TICKETS_DB_POOL_MODE")).toLower();
        if (text.isEmpty() || text == QLatin1String("session"))
            config.database.poolMode = PoolMode::Session;
        else if (text == QLatin1String("transaction"))
            config.database.poolMode = PoolMode::Transaction;
        else
            throw ConfigError(QStringLiteral("TICKETS_DB_POOL_MODE='%1' is not valid: expected session or transaction")
                                  .arg(trimmed(env, QStringLiteral("TICKETS_DB_POOL_MODE"))));
    };
    poolMode.show = [](const Config &config) {
        return config.database.poolMode == PoolMode::Transaction ? QStringLiteral("transaction")
                                                                 : QStringLiteral("session");
    };
    list << poolMode;

    list << textSetting(
        "REDIS_HOST", [](Config &c) -> QString & { return c.redis.host; }, false, "local Redis host");
    list << integerSetting<int>(
        "REDIS_PORT", [](Config &c) -> int & { return c.redis.port; }, 1, 65535, "its port");
    list << textSetting(
        "REDIS_PASSWORD", [](Config &c) -> QString & { return c.redis.password; }, true, "its password (`AUTH`)");
    list << textSetting(
        "UPSTASH_REDIS_REST_URL", [](Config &c) -> QString & { return c.redis.upstashUrl; }, false,
        "Upstash REST mode when both this and the token are set: every Redis operation (cache, outbox "
        "delivery, worker queue, live-event subscription) goes over Upstash's REST protocol instead of "
        "`REDIS_HOST`");
    list << textSetting(
        "UPSTASH_REDIS_REST_TOKEN", [](Config &c) -> QString & { return c.redis.upstashToken; }, true,
        "the Upstash token");

    list << textSetting(
        "API_HOST", [](Config &c) -> QString & { return c.http.host; }, false, "listening address");
    Setting port = integerSetting<int>(
        "API_PORT", [](Config &c) -> int & { return c.http.port; }, 0, 65535, "listening port");
    port.read = [](Config &config, const Environment &env) {
        // Hosting platforms such as Render set PORT; API_PORT wins when both are present.
        const QString key = env.contains(QStringLiteral("API_PORT")) || !env.contains(QStringLiteral("PORT"))
                                ? QStringLiteral("API_PORT")
                                : QStringLiteral("PORT");
        config.http.port = integer<int>(env, key, config.http.port, 0, 65535);
    };
    list << port;
    list << documented("PORT", "the listening port when `API_PORT` is absent (set by Render and similar hosts)");
    list << with(integerSetting<int>(
                     "TICKETS_HTTP_THREADS", [](Config &c) -> int & { return c.http.threads; }, 1, 64,
                     "event-loop threads, each with its own PostgreSQL connection"),
                 "number of cores");
    list << integerSetting<int>(
        "TICKETS_WRITE_THREADS", [](Config &c) -> int & { return c.http.writeThreads; }, 0, 256,
        "threads that run the requests that change something, each with its own PostgreSQL "
        "connection, so that commits overlap and a write waiting for its commit holds no event loop; "
        "0 runs them on the event-loop threads");
    list << integerSetting<qint64>(
        "TICKETS_MAX_BODY_BYTES", [](Config &c) -> qint64 & { return c.http.limits.maxBodyBytes; }, 1024,
        256 * 1024 * 1024, "larger declared bodies get 413 before they are read");
    list << integerSetting<qint64>(
        "TICKETS_MAX_HEADER_BYTES", [](Config &c) -> qint64 & { return c.http.limits.maxHeaderBytes; }, 1024,
        1024 * 1024, "larger request heads get 431");
    list << integerSetting<int>(
        "TICKETS_REQUEST_TIMEOUT_MS", [](Config &c) -> int & { return c.http.limits.requestTimeoutMs; }, 100, 3600000,
        "a request must arrive within this time (slow-loris protection, 408)");
    list << integerSetting<int>(
        "TICKETS_IDLE_TIMEOUT_MS", [](Config &c) -> int & { return c.http.limits.idleTimeoutMs; }, 100, 3600000,
        "idle keep-alive connections are closed after this");
    list << integerSetting<int>(
        "TICKETS_MAX_CONNECTIONS", [](Config &c) -> int & { return c.http.limits.maxConnections; }, 1, 1000000,
        "connections beyond this are closed at once");
    list << integerSetting<int>(
        "TICKETS_MAX_CONNECTIONS_PER_ADDRESS",
        [](Config &c) -> int & { return c.http.limits.maxConnectionsPerAddress; }, 1, 1000000,
        "connections from one client address beyond this are closed at once (the addresses of "
        "`TICKETS_TRUSTED_PROXIES` are not capped)");
    list << booleanSetting(
        "TICKETS_ACCESS_LOG", [](Config &c) -> bool & { return c.http.accessLog; }, "one log line per request");
    list << booleanSetting(
        "DEBUG", [](Config &c) -> bool & { return c.debug; }, "`True` turns on debug logging");

    Setting origins;
    origins.variable = QStringLiteral("CORS_ORIGINS");
    origins.meaning = QStringLiteral("allowed origins, as a JSON array or a comma-separated list");
    origins.read = [](Config &config, const Environment &env) {
        const CorsSettings parsed = corsFrom(env);
        config.cors.origins = parsed.origins;
        config.cors.raw = parsed.raw;
        config.cors.fromEnvironment = parsed.fromEnvironment;
    };
    origins.show = [](const Config &config) {
        return QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(config.cors.origins)).toJson(QJsonDocument::Compact));
    };
    list << origins;
    Setting regex = textSetting(
        "CORS_ORIGIN_REGEX", [](Config &c) -> QString & { return c.cors.originRegex; }, false,
        "origins matching this regular expression are allowed too, with credentials; empty "
        "allows none");
    regex.read = [](Config &config, const Environment &env) {
        if (!env.contains(QStringLiteral("CORS_ORIGIN_REGEX")))
            return;
        config.cors.originRegex = trimmed(env, QStringLiteral("CORS_ORIGIN_REGEX"));
        if (!QRegularExpression(config.cors.originRegex).isValid())
            throw ConfigError(QStringLiteral("CORS_ORIGIN_REGEX is not a valid regular expression"));
    };
    list << regex;
    list << booleanSetting(
        "CORS_ALLOW_ALL", [](Config &c) -> bool & { return c.cors.allowAll; },
        "allow every origin (echoed, never `*`); logs a warning");

    list << integerSetting<int>(
        "TICKETS_OUTBOX_POLL_MS", [](Config &c) -> int & { return c.outboxPollMs; }, 10, 3600000,
        "the outbox relay's poll, which finds rows that other processes wrote (its own process's commits wake it at "
        "once)");
    list << integerSetting<int>(
        "TICKETS_WORKER_STALE_S", [](Config &c) -> int & { return c.workerStaleSeconds; }, 1, 86400,
        "a worker whose heartbeat is older than this is dead: its tasks are taken back, and "
        "`/health` stops counting it");
    Setting sla;
    sla.variable = QStringLiteral("TICKETS_SLA_HORAS");
    sla.meaning =
        QStringLiteral("hours to resolve a ticket, by priority, as JSON (priorities left out keep these defaults): "
                       "`vence_en` is `fecha_creacion` plus these hours");
    sla.read = [](Config &config, const Environment &env) {
        const QString text = trimmed(env, QStringLiteral("TICKETS_SLA_HORAS"));
        if (text.isEmpty())
            return;
        QString problem;
        const auto policy = SlaPolicy::fromJson(text.toUtf8(), &problem);
        if (!policy)
            throw ConfigError(QStringLiteral("TICKETS_SLA_HORAS is not valid: ") + problem);
        config.sla = *policy;
    };
    sla.show = [](const Config &config) { return QString::fromUtf8(config.sla.toJson()); };
    list << sla;
    list << integerSetting<int>(
        "TICKETS_SLA_REVISION_S", [](Config &c) -> int & { return c.slaScanSeconds; }, 1, 3600,
        "how often tickets-worker looks for tickets past their `vence_en` (each is announced once, "
        "as `ticket_vencido`, with a notification to its assignee or to all staff)");

    list << booleanSetting(
        "AUTH_REQUIRED", [](Config &c) -> bool & { return c.auth.required; },
        "`false` restores the original open contract (for the web frontend's migration); logged as a "
        "warning at start-up and shown by `/health`");
    list << integerSetting<int>(
        "TICKETS_TOKEN_TTL_S", [](Config &c) -> int & { return c.auth.tokenTtlSeconds; }, 60, 90 * 86400,
        "a token dies after this long unused; each use renews it");
    list << integerSetting<int>(
        "TICKETS_SESSION_MAX_S", [](Config &c) -> int & { return c.auth.sessionMaxSeconds; }, 60, 365 * 86400,
        "and after this long since the login, however much it is used (log in again)");
    list << integerSetting<int>(
        "TICKETS_LOGIN_MAX_FAILURES", [](Config &c) -> int & { return c.auth.maxFailedLogins; }, 1, 1000,
        "failed logins for one email from one address within the window before 429");
    list << integerSetting<int>(
        "TICKETS_LOGIN_WINDOW_S", [](Config &c) -> int & { return c.auth.failedLoginWindowSeconds; }, 1, 86400,
        "that window");
    list << booleanSetting(
        "TICKETS_TRUST_PROXY", [](Config &c) -> bool & { return c.auth.trustProxy; },
        "count failed logins by `X-Real-IP` (set it behind the packaged nginx, never when clients "
        "reach the server directly)");
    Setting proxies =
        documented("TICKETS_TRUSTED_PROXIES",
                   "the proxies whose `X-Real-IP` is believed when `TICKETS_TRUST_PROXY` is on (comma-separated "
                   "addresses or subnets such as `10.0.0.0/8`); setting it turns `TICKETS_TRUST_PROXY` on. "
                   "`X-Real-IP` from any other peer is ignored");
    proxies.read = [](Config &config, const Environment &env) {
        if (!env.contains(QStringLiteral("TICKETS_TRUSTED_PROXIES")))
            return;
        QStringList list;
        for (const QString &item : trimmed(env, QStringLiteral("TICKETS_TRUSTED_PROXIES")).split(u','))
            if (!item.trimmed().isEmpty())
                list << item.trimmed();
        config.auth.trustedProxies = list;
        config.auth.trustProxy = true;
    };
    proxies.show = [](const Config &config) { return config.auth.trustedProxies.join(u','); };
    list << proxies;
    list << integerSetting<int>(
        "TICKETS_LIVE_REVALIDATE_MS", [](Config &c) -> int & { return c.auth.liveRevalidateMs; }, 100, 3600000,
        "how often live clients (WebSocket, SSE) are checked; those whose session ended (logout, "
        "expiry, password change, deactivation) are closed");
    list << integerSetting<int>(
        "TICKETS_PRESENCE_TTL_S", [](Config &c) -> int & { return c.presenceTtlSeconds; }, 1, 3600,
        "a staff member's presence on a ticket (`viendo`, `escribiendo`) ends with `fuera` this long after "
        "their client last said it; clients repeat it more often than this (lower it only in tests)");
    list << textSetting(
        "TICKETS_SECRET_KEY", [](Config &c) -> QString & { return c.auth.secretKey; }, true,
        "signs the sessions and users cached in Redis, so Redis is never an authority; unset, a "
        "random key is made once and kept in PostgreSQL (`clave_servidor`), shared by every "
        "instance. Set it only to choose the key yourself (the same on every instance)");
    list << documented("TICKETS_ADMIN_PASSWORD",
                       "read by `--create-admin` (otherwise the first line of standard input)", true);
    return list;
}

const QString kNone = QStringLiteral("–");

} // namespace

QString Setting::defaultText() const
{
    if (!defaultOverride.isEmpty())
        return defaultOverride;
    if (!show || secret)
        return kNone;
    const QString value = show(Config{});
    return value.isEmpty() ? kNone : value;
}

const QList<Setting> &settings()
{
    static const QList<Setting> table = buildSettings();
    return table;
}

QString settingsMarkdownTable()
{
    QString table = QStringLiteral("| variable | default | meaning |\n|---|---|---|\n");
    for (const Setting &setting : settings()) {
        const QString fallback = setting.defaultText();
        table +=
            QStringLiteral("| `%1` | %2 | %3 |\n")
                .arg(setting.variable, fallback == kNone || fallback.contains(u' ') ? fallback : u'`' + fallback + u'`',
                     setting.meaning);
    }
    return table;
}

} // namespace tickets::server
