#include "storage/Database.h"

#include "storage/InlineValues.h"
#include "storage/Logging.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QVariant>

#include <algorithm>
#include <atomic>
#include <libpq-fe.h>

namespace tickets::server {

namespace {
// While PostgreSQL is away, requests fail fast instead of each waiting for connect_timeout:
// the next attempt comes after as long as the failed one took, within these bounds. A pooler
// whose PostgreSQL is away makes each attempt wait (PgBouncer's query_wait_timeout), so an
// event loop spends at most half its time waiting for it.
constexpr qint64 kRetryOpenAfterMs = 500;
constexpr qint64 kMaxRetryOpenAfterMs = 5000;
// A statement that failed with its connection after this long waited on a pooler: the read's
// retry fails fast instead of waiting as long again.
constexpr qint64 kSlowFailureMs = 1000;
} // namespace

QString Database::connectOptions(const DatabaseSettings &settings, const QString &applicationName)
{
    QStringList options{
        QStringLiteral("connect_timeout=%1").arg(settings.connectTimeoutSeconds),
        QStringLiteral("application_name=%1").arg(applicationName),
    };
    // A transaction-mode pooler refuses the options startup parameter (PgBouncer 1.18:
    // "unsupported startup parameter: options"): there the timeouts come with each BEGIN and
    // the time zone from a SET the pooler tracks (pooledSessionProblem).
    if (settings.poolMode == PoolMode::Session) {
        // Values with spaces must be single-quoted in a libpq conninfo string.
        options << QStringLiteral("options='-c statement_timeout=%1 -c lock_timeout=%2 -c TimeZone=UTC'")
                       .arg(settings.statementTimeoutMs)
                       .arg(settings.lockTimeoutMs);
    }
    for (auto it = settings.parameters.cbegin(); it != settings.parameters.cend(); ++it) {
        if (it.key() != QLatin1String("connect_timeout") && it.key() != QLatin1String("options"))
            options << it.key() + u'=' + it.value();
    }
    return options.join(u';');
}

Database::Database(const DatabaseSettings &settings, const QString &connectionName)
    : m_settings(settings), m_name(connectionName)
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
    m_db.setHostName(settings.host);
    m_db.setPort(settings.port);
    m_db.setUserName(settings.user);
    m_db.setPassword(settings.password);
    m_db.setDatabaseName(settings.name);
    m_db.setConnectOptions(connectOptions(settings, QStringLiteral("tickets-server")));
}

Database::~Database()
{
    m_statements.clear();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

bool Database::open(QString *error)
{
    if (m_db.isOpen() && !connectionClosedByServer())
        return true;
    if (m_sinceFailure.isValid() && m_sinceFailure.elapsed() < m_retryOpenAfterMs) {
        if (error)
            *error = m_lastFailure;
        return false;
    }
    reset();
    QElapsedTimer attempt;
    attempt.start();
    std::optional<QString> problem;
    if (!m_db.open())
        problem = m_db.lastError().text().trimmed();
    else if (pooled())
        problem = pooledSessionProblem();
    if (problem) {
        reset();
        recordFailure(*problem, attempt.elapsed());
        if (error)
            *error = m_lastFailure;
        return false;
    }
    if (m_sinceFailure.isValid())
        qCInfo(lcDatabase) << "reconnected to PostgreSQL";
    qCDebug(lcDatabase).noquote() << m_name << "connected to" << m_settings.describe();
    m_sinceFailure.invalidate();
    m_lastFailure.clear();
    return true;
}

QSqlQuery &Database::prepared(const QString &sql)
{
    QString error;
    if (!open(&error))
        throw DatabaseUnavailable(error);
    auto it = m_statements.find(sql);
    if (it != m_statements.end())
        return **it;
    auto query = std::make_shared<QSqlQuery>(m_db);
    query->setForwardOnly(true);
    if (pooled()) {
        // No PREPARE: it would stay on whichever backend the pooler lent for it.
        m_pooledTexts.insert(query.get(), sql);
    } else {
        if (!query->prepare(sql))
            fail(*query);
        qCDebug(lcDatabase).noquote() << m_name << "prepared:" << sql;
    }
    m_statements.insert(sql, query);
    return *query;
}

void Database::recordFailure(const QString &problem, qint64 tookMs)
{
    m_lastFailure = problem.isEmpty() ? QStringLiteral("connection closed") : problem;
    if (!m_sinceFailure.isValid())
        qCWarning(lcDatabase).noquote() << "cannot connect to PostgreSQL:" << m_lastFailure;
    m_retryOpenAfterMs = std::clamp(tookMs, kRetryOpenAfterMs, kMaxRetryOpenAfterMs);
    m_sinceFailure.start();
}

void Database::exec(QSqlQuery &query)
{
    ++m_roundTrips;
    m_statement.start();
    if (pooled()) {
        const auto text = m_pooledTexts.constFind(&query);
        if (text != m_pooledTexts.cend()) {
            if (!query.exec(inlineValues(*text, query.boundValues(), *m_db.driver())))
                fail(query);
            return;
        }
    }
    if (!query.exec())
        fail(query);
}

void Database::execute(const QString &sql)
{
    QString error;
    if (!open(&error))
        throw DatabaseUnavailable(error);
    QSqlQuery query(m_db);
    ++m_roundTrips;
    m_statement.start();
    if (!query.exec(sql))
        fail(query);
}

void Database::begin()
{
    for (int attempt = 1;; ++attempt) {
        QString error;
        if (!open(&error))
            throw DatabaseUnavailable(error);
        m_afterCommit.clear();
        ++m_roundTrips;
        if (sendBegin())
            return;
        // A connection that died while idle fails at BEGIN, before any of the work was sent:
        // a new connection takes it.
        if (attempt > 1 || !connectionBroken())
            failTransaction(false);
        qCInfo(lcDatabase) << m_name << "connection found closed at BEGIN; reconnecting";
        reset();
    }
}

bool Database::sendBegin()
{
    if (!pooled())
        return m_db.transaction();
    // SET LOCAL lasts until this transaction ends, on whichever backend the pooler lent:
    // the session's timeouts, in the same round trip as the BEGIN.
    QSqlQuery begin(m_db);
    return begin.exec(QStringLiteral("BEGIN; SET LOCAL statement_timeout = %1; SET LOCAL lock_timeout = %2")
                          .arg(m_settings.statementTimeoutMs)
                          .arg(m_settings.lockTimeoutMs));
}

std::optional<QString> Database::pooledSessionProblem()
{
    QSqlQuery query(m_db);
    // TimeZone is one of the parameters a pooler replays on every backend it lends this
    // client (PgBouncer tracks it), so a session SET holds here.
    if (!query.exec(QStringLiteral("SET TIME ZONE 'UTC'")) ||
        !query.exec(QStringLiteral("SELECT current_setting('standard_conforming_strings'), "
                                   "current_setting('client_encoding'), current_setting('statement_timeout')")) ||
        !query.next())
        return query.lastError().text().trimmed();
    // Inlined text literals double their quotes: right only when backslashes are plain
    // characters in them, and the bytes are UTF-8.
    if (query.value(0).toString() != QLatin1String("on") ||
        (query.value(1).toString() != QLatin1String("UTF8") && query.value(1).toString() != QLatin1String("UNICODE")))
        return QStringLiteral("behind a transaction pooler the server needs standard_conforming_strings=on and "
                              "client_encoding UTF8, found %1 and %2")
            .arg(query.value(0).toString(), query.value(1).toString());
    static std::atomic_bool warned = false;
    if (query.value(2).toString() == QLatin1String("0") && !warned.exchange(true))
        qCWarning(lcDatabase).noquote()
            << QStringLiteral("behind a transaction pooler, statements outside a transaction have no "
                              "statement_timeout: give the role one (ALTER ROLE %1 SET statement_timeout = '%2ms')")
                   .arg(m_settings.user)
                   .arg(m_settings.statementTimeoutMs);
    return {};
}

void Database::commit()
{
    ++m_roundTrips;
    if (!m_db.commit())
        failTransaction(true); // a commit may or may not have happened: 503 rather than a retry
}

void Database::failTransaction(bool committing)
{
    const QString text = m_db.lastError().text();
    if (connectionBroken()) {
        reset();
        if (committing)
            throw DatabaseUnavailable(text);
        throw ConnectionLost(text);
    }
    throw SqlError(m_db.lastError().nativeErrorCode(), text);
}

void Database::rollback()
{
    m_afterCommit.clear();
    if (m_db.isOpen() && !connectionBroken()) {
        ++m_roundTrips;
        m_db.rollback();
    }
}

void Database::afterCommit(std::function<void()> action)
{
    if (m_depth > 0)
        m_afterCommit.append(std::move(action));
    else
        action();
}

void Database::runAfterCommit()
{
    const QList<std::function<void()>> actions = std::exchange(m_afterCommit, {});
    for (const auto &action : actions)
        action();
}

void Database::fail(const QSqlQuery &query)
{
    const QSqlError error = query.lastError();
    const QString state = error.nativeErrorCode();
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    // 57P01..57P03: the server is shutting down or restarting; class 08: connection failure.
    if (connectionBroken() || state.startsWith(QLatin1String("08")) || state.startsWith(QLatin1String("57P"))) {
        qCWarning(lcDatabase).noquote() << "PostgreSQL connection lost:" << text.trimmed();
        reset();
        if (m_statement.isValid() && m_statement.elapsed() > kSlowFailureMs) {
            recordFailure(text.trimmed(), m_statement.elapsed());
            throw DatabaseUnavailable(text);
        }
        throw ConnectionLost(text);
    }
    if (state == QLatin1String("57014") || state == QLatin1String("55P03")) {
        // statement_timeout or lock_timeout: the database is too busy to answer in time.
        throw DatabaseUnavailable(text);
    }
    throw SqlError(state, text);
}

PGconn *Database::libpqConnection() const
{
    const QVariant handle = m_db.isOpen() ? m_db.driver()->handle() : QVariant();
    // QPSQL's handle is a PGconn*, which the meta-type system names by its struct: pg_conn*.
    if (!handle.isValid() ||
        (qstrcmp(handle.typeName(), "pg_conn*") != 0 && qstrcmp(handle.typeName(), "PGconn*") != 0))
        return nullptr;
    return *static_cast<PGconn *const *>(handle.data());
}

bool Database::connectionBroken()
{
    if (!m_db.isOpen())
        return true;
    PGconn *conn = libpqConnection();
    return conn && PQstatus(conn) != CONNECTION_OK;
}

bool Database::connectionClosedByServer()
{
    // A connection idle through a PostgreSQL restart was told so (57P01, then end of stream),
    // but libpq learns it only by reading: read what is waiting, without blocking, so that
    // the statement about to be sent goes on a new connection instead of failing on the old
    // one.
    PGconn *conn = libpqConnection();
    // Twice: the first read may take only the FATAL message, the second the end of stream.
    if (conn && PQstatus(conn) == CONNECTION_OK && !PQisBusy(conn) && PQconsumeInput(conn) && !PQisBusy(conn))
        PQconsumeInput(conn);
    return connectionBroken();
}

void Database::reset()
{
    // Statements belong to the old session: drop them so they are prepared again after reopening.
    m_statements.clear();
    m_pooledTexts.clear();
    if (m_db.isOpen())
        m_db.close();
}

} // namespace tickets::server
