#include "storage/InlineValues.h"

#include "storage/DatabaseErrors.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QSqlDriver>
#include <QSqlField>
#include <QUuid>

#include <stdexcept>

namespace tickets::server {

namespace {

// Qt's own rule for a bound value that is SQL NULL (QSqlResultPrivate::isVariantNull): a null
// QVariant, or a null string, byte array, date, time or uuid inside one.
bool isSqlNull(const QVariant &value)
{
    if (value.isNull())
        return true;
    switch (value.typeId()) {
    case QMetaType::QString: return value.toString().isNull();
    case QMetaType::QByteArray: return value.toByteArray().isNull();
    case QMetaType::QDateTime: return !value.toDateTime().isValid();
    case QMetaType::QDate: return value.toDate().isNull();
    case QMetaType::QUuid: return value.toUuid().isNull();
    default: return false;
    }
}

QString literal(const QVariant &value, const QSqlDriver &driver)
{
    if (isSqlNull(value))
        return QStringLiteral("NULL");
    switch (value.typeId()) {
    case QMetaType::QString:
        // libpq sends C strings: text after a NUL would silently vanish.
        if (value.toString().contains(QChar(u'\0')))
            throw SqlError(QStringLiteral("22021"), QStringLiteral("text contains a NUL character"));
        break;
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
    case QMetaType::QByteArray:
    case QMetaType::QDateTime:
    case QMetaType::QDate:
    case QMetaType::QUuid: break;
    default:
        // The driver writes unknown types unquoted (a QUrl would become SQL): refuse them.
        throw std::invalid_argument(std::string("cannot write a value of type ") + value.typeName() + " into SQL text");
    }
    QSqlField field(QString(), value.metaType());
    field.setValue(value);
    return driver.formatValue(field);
}

} // namespace

QString inlineValues(const QString &sql, const QVariantList &values, const QSqlDriver &driver)
{
    QString text;
    text.reserve(sql.size() + values.size() * 16);
    qsizetype next = 0;
    QChar closingQuote;
    // The placeholders Qt itself finds (QSqlResultPrivate::positionalToNamedBinding): every `?`
    // outside '…', "…" and `…`.
    for (const QChar ch : sql) {
        if (!closingQuote.isNull()) {
            if (ch == closingQuote)
                closingQuote = QChar();
            text += ch;
        } else if (ch == u'?') {
            if (next >= values.size())
                throw std::invalid_argument("more placeholders than bound values");
            text += literal(values.at(next++), driver);
        } else {
            if (ch == u'\'' || ch == u'"' || ch == u'`')
                closingQuote = ch;
            text += ch;
        }
    }
    if (next != values.size())
        throw std::invalid_argument("more bound values than placeholders");
    return text;
}

} // namespace tickets::server
