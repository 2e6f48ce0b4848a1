#pragma once
// How timestamps travel between PostgreSQL and the domain types: as epoch milliseconds.
// QPSQL's own timestamptz conversion parses text and converts to local time (glibc's zone
// lookups, under a lock) for every value; the API wants UTC anyway.

#include <QDateTime>
#include <QString>
#include <QVariant>

namespace tickets::server {

// SQL for a timestamptz column read as epoch milliseconds.
inline QString timestampColumn(const QString &column)
{
    return QStringLiteral("floor(extract(epoch FROM %1) * 1000)::bigint").arg(column);
}

inline QDateTime timestampValue(const QVariant &epochMilliseconds)
{
    return QDateTime::fromMSecsSinceEpoch(epochMilliseconds.toLongLong(), Qt::UTC);
}

// The same for a nullable column: an invalid QDateTime for NULL.
inline QDateTime optionalTimestampValue(const QVariant &epochMilliseconds)
{
    return epochMilliseconds.isNull() ? QDateTime() : timestampValue(epochMilliseconds);
}

} // namespace tickets::server
