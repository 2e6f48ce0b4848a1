#pragma once
// RFC 3339 timestamps in UTC with milliseconds, as the API returns them: 2024-01-15T10:30:00.123Z

#include <QDateTime>
#include <QString>

namespace tickets {

QString formatTimestamp(const QDateTime &dateTime);
QDateTime parseTimestamp(const QString &text);
QString currentTimestamp();

} // namespace tickets
