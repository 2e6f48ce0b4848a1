#pragma once
// Failures of the storage layer, as values the HTTP layer turns into answers.

#include <QString>

#include <stdexcept>

namespace tickets::server {

// PostgreSQL cannot be reached (down, restarting, out of connections): the answer is 503.
class DatabaseUnavailable : public std::runtime_error
{
public:
    explicit DatabaseUnavailable(const QString &message) : std::runtime_error(message.toStdString()) {}
    QString message() const { return QString::fromStdString(what()); }
};

// The connection broke during a statement; a read may be retried once on a fresh connection.
class ConnectionLost : public DatabaseUnavailable
{
public:
    using DatabaseUnavailable::DatabaseUnavailable;
};

// A statement failed for a reason the caller may translate (unique or foreign-key violation, ...).
class SqlError : public std::runtime_error
{
public:
    SqlError(QString sqlState, QString message)
        : std::runtime_error(message.toStdString()), m_sqlState(std::move(sqlState)), m_message(std::move(message))
    {}
    const QString &sqlState() const { return m_sqlState; }
    const QString &message() const { return m_message; }
    bool isUniqueViolation() const { return m_sqlState == QLatin1String("23505"); }
    bool isForeignKeyViolation() const { return m_sqlState == QLatin1String("23503"); }
    bool isNotNullViolation() const { return m_sqlState == QLatin1String("23502"); }
    // A value PostgreSQL refused (class 22: encoding, range; 23502: a required value missing):
    // the client's data, not the server's fault.
    bool isRefusedValue() const { return m_sqlState.startsWith(QLatin1String("22")) || isNotNullViolation(); }
    bool mentions(const QString &constraint) const { return m_message.contains(constraint); }
    // Deadlock or serialization failure: the whole transaction may be run again.
    bool isRetryable() const { return m_sqlState == QLatin1String("40P01") || m_sqlState == QLatin1String("40001"); }

private:
    QString m_sqlState;
    QString m_message;
};

} // namespace tickets::server
