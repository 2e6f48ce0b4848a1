#pragma once
// One thread's PostgreSQL connection: opened with timeouts, prepared statements kept and reused,
// reopened (and statements re-prepared) after the server restarts, reads retried once, and
// quick 503s while the server stays away instead of a blocked event loop. Behind a
// transaction-mode pooler (PoolMode::Transaction) it keeps no session state: statements are
// sent with their values inlined, and the timeouts are set at each BEGIN.

#include "config/Config.h"
#include "storage/DatabaseErrors.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <functional>
#include <memory>
#include <optional>

struct pg_conn;

namespace tickets::server {

class Database
{
public:
    Database(const DatabaseSettings &settings, const QString &connectionName);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens the connection when it is closed; false (and the reason) when PostgreSQL is unreachable.
    bool open(QString *error = nullptr);

    // A prepared statement for this SQL text, prepared once per connection (in transaction
    // mode, a query that keeps the text and sends it with its bound values at exec()).
    QSqlQuery &prepared(const QString &sql);

    // Runs a prepared statement with its bound values; throws SqlError, ConnectionLost or DatabaseUnavailable.
    void exec(QSqlQuery &query);
    // Runs plain SQL (several statements allowed); used by migrations and health checks.
    void execute(const QString &sql);

    // Runs an idempotent read, once more on a fresh connection if the first one was lost.
    template <typename Work> auto read(Work &&work)
    {
        try {
            return work();
        } catch (const ConnectionLost &) {
            return work();
        }
    }

    // Runs `work` in a transaction: committed when it returns, rolled back when it throws,
    // and run again (up to 3 times) after a deadlock or serialization failure.
    template <typename Work> auto transaction(Work &&work)
    {
        // Inside another transaction: join it; the outermost one commits, rolls back, retries.
        if (m_depth > 0)
            return work();
        struct Depth
        {
            int &depth;
            explicit Depth(int &d) : depth(d) { ++depth; }
            ~Depth() { --depth; }
        };
        for (int attempt = 1;; ++attempt) {
            {
                Depth inside(m_depth);
                begin();
                try {
                    if constexpr (std::is_void_v<decltype(work())>) {
                        work();
                        commit();
                        runAfterCommit();
                        return;
                    } else {
                        auto result = work();
                        commit();
                        runAfterCommit();
                        return result;
                    }
                } catch (const SqlError &error) {
                    rollback();
                    if (!error.isRetryable() || attempt >= 3)
                        throw;
                } catch (...) {
                    rollback();
                    throw;
                }
            }
        }
    }

    // Runs `action` once the current transaction has committed (dropped if it rolls back), or
    // at once outside a transaction (the statement that just ran committed by itself).
    void afterCommit(std::function<void()> action);
    bool inTransaction() const { return m_depth > 0; }

    // Round trips this connection has made (statements, BEGIN, COMMIT, ROLLBACK), for the
    // access log's sql= figure.
    qint64 roundTrips() const { return m_roundTrips; }

    QSqlDatabase &connection() { return m_db; }
    const QString &connectionName() const { return m_name; }

    static QString connectOptions(const DatabaseSettings &settings, const QString &applicationName);

private:
    void begin();
    void commit();
    void rollback();
    void runAfterCommit();
    [[noreturn]] void fail(const QSqlQuery &query);
    [[noreturn]] void failTransaction(bool committing);
    bool connectionBroken();
    bool connectionClosedByServer();
    pg_conn *libpqConnection() const; // null when closed
    void reset();
    bool pooled() const { return m_settings.poolMode == PoolMode::Transaction; }
    bool sendBegin();
    std::optional<QString> pooledSessionProblem(); // none when this session can be used through the pooler
    void recordFailure(const QString &problem, qint64 tookMs);

    DatabaseSettings m_settings;
    QString m_name;
    QSqlDatabase m_db;
    QHash<QString, std::shared_ptr<QSqlQuery>> m_statements;
    QHash<const QSqlQuery *, QString> m_pooledTexts; // transaction mode: each statement's SQL text
    QElapsedTimer m_sinceFailure;                    // valid while the last open() failed
    qint64 m_retryOpenAfterMs = 0;
    QElapsedTimer m_statement; // since the last statement was sent
    QString m_lastFailure;
    int m_depth = 0;
    qint64 m_roundTrips = 0;
    QList<std::function<void()>> m_afterCommit;
};

} // namespace tickets::server
