#pragma once
// The server's whole configuration, parsed once at start-up into typed settings.

#include "domain/Ticket.h"

#include <QHash>
#include <QMap>
#include <QString>
#include <QStringList>

#include <stdexcept>

namespace tickets::server {

// How the server holds its PostgreSQL connections: a session of its own (direct, or a
// session-mode pooler), or one borrowed per transaction from a transaction-mode pooler
// (PgBouncer, Supavisor :6543), where no session state survives a transaction.
enum class PoolMode { Session, Transaction };

struct DatabaseSettings
{
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString name;
    QMap<QString, QString> parameters; // extra libpq keywords from the URL query (sslmode, ...)
    int connectTimeoutSeconds = 5;
    int statementTimeoutMs = 5000;
    int lockTimeoutMs = 2000;
    PoolMode poolMode = PoolMode::Session;
    QString source; // "SUPABASE_DB_URL" or "SUPABASE_DB_*"

    QString describe() const; // connection summary with the password masked
};

struct RedisSettings
{
    QString host = QStringLiteral("localhost");
    int port = 6379;
    QString password;
    QString upstashUrl;
    QString upstashToken;

    bool useUpstash() const { return !upstashUrl.isEmpty() && !upstashToken.isEmpty(); }
    QString describe() const;
};

struct CorsSettings
{
    QStringList origins{QStringLiteral("http://localhost:3000")}; // the original's default
    QString raw;                                                  // CORS_ORIGINS exactly as given
    bool fromEnvironment = false;
    bool allowAll = false;
    QString originRegex = QStringLiteral(R"(https://.*\.vercel\.app)"); // the original's; CORS_ORIGIN_REGEX changes it
};

// Bounds QtHttpServer 6.4 does not enforce by itself.
struct HttpLimits
{
    qint64 maxBodyBytes = 1024 * 1024;
    qint64 maxHeaderBytes = 32 * 1024;
    int requestTimeoutMs = 30000;
    int idleTimeoutMs = 60000;
    int maxConnections = 10000;
    int maxConnectionsPerAddress = 256; // but not for TICKETS_TRUSTED_PROXIES (the packaged nginx)
};

struct HttpSettings
{
    QString host = QStringLiteral("0.0.0.0");
    int port = 8000;
    int threads = 0;      // 0: one per core
    int writeThreads = 8; // the write pool (WritePool); 0: writes run on the event-loop threads
    int listenBacklog = 1024;
    bool accessLog = true;
    HttpLimits limits;
};

struct AuthSettings
{
    bool required = true;                   // AUTH_REQUIRED=false restores the original open contract
    int tokenTtlSeconds = 8 * 3600;         // sliding: every use renews it...
    int sessionMaxSeconds = 30 * 86400;     // ...but never past this long after the login
    int maxFailedLogins = 5;                // per email and client address...
    int failedLoginWindowSeconds = 15 * 60; // ...within this window, then 429
    bool trustProxy = false;                // take the client address from X-Real-IP (behind our nginx)...
    QStringList trustedProxies{QStringLiteral("127.0.0.1"), QStringLiteral("::1")}; // ...sent by these only
    int liveRevalidateMs = 30000; // live clients whose session ended are closed this often
    QString secretKey;            // TICKETS_SECRET_KEY; empty: the key kept in PostgreSQL
    QByteArray macKey;            // not a setting: the 32-byte key cached sessions are signed with, set at start-up
};

struct Config
{
    DatabaseSettings database;
    RedisSettings redis;
    CorsSettings cors;
    HttpSettings http;
    AuthSettings auth;
    bool debug = false;
    int outboxPollMs = 1000;     // the relay's fallback poll; commits wake it at once
    int workerStaleSeconds = 30; // a worker silent this long is dead: its tasks are taken back
    SlaPolicy sla;               // hours to resolve a ticket, by priority (vence_en)
    int slaScanSeconds = 15;     // how often tickets-worker looks for tickets past their vence_en
    int presenceTtlSeconds = 45; // a presence on a ticket ends this long after its client's last word
    QStringList warnings;        // things worth a log line at start-up

    QStringList describe() const; // the effective configuration: every setting, secrets masked
};

using Environment = QHash<QString, QString>;

// Logged at start-up and shown by /health while the API is open to anyone.
inline const QString kAuthDisabledWarning =
    QStringLiteral("AUTH_REQUIRED=false: the API asks nobody who they are (the original open contract)");

// A configuration value that cannot be used; the message names the variable.
class ConfigError : public std::runtime_error
{
public:
    explicit ConfigError(const QString &message) : std::runtime_error(message.toStdString()) {}
    QString message() const { return QString::fromStdString(what()); }
};

// Builds the configuration from variables (the table in config/Settings.h); throws ConfigError
// on the first unusable value.
Config loadConfig(const Environment &environment);

// The database from SUPABASE_DB_URL, or from its parts; CORS_ORIGINS as a list.
DatabaseSettings databaseFrom(const Environment &environment);
CorsSettings corsFrom(const Environment &environment);

// The variables of a .env file (KEY=VALUE lines, # comments, optional quotes and `export`).
Environment parseDotEnv(const QByteArray &content);

// The .env file (when it exists) overlaid with the process environment, which wins.
Environment readEnvironment(const QString &dotEnvPath);

QString maskSecret(const QString &secret);

} // namespace tickets::server
