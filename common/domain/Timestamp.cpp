#include "domain/Timestamp.h"

#include <QTimeZone>

namespace tickets {

QString formatTimestamp(const QDateTime &dateTime)
{
    if (!dateTime.isValid())
        return {};
    return dateTime.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime parseTimestamp(const QString &text)
{
    QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!parsed.isValid())
        parsed = QDateTime::fromString(text, Qt::ISODate);
    return parsed.isValid() ? parsed.toUTC() : QDateTime();
}

QString currentTimestamp()
{
    return formatTimestamp(QDateTime::currentDateTimeUtc());
}

} // namespace tickets
