#include "validation/BodyReader.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace tickets::validation {

std::optional<QJsonObject> parseJsonBody(const QByteArray &body, FieldErrors &errors)
{
    if (body.trimmed().isEmpty()) {
        errors.append(errors::missing(loc(QStringLiteral("body")), QJsonValue::Null));
        return std::nullopt;
    }
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        errors.append({QStringLiteral("json_invalid"),
                       QJsonArray{QStringLiteral("body"), parseError.offset},
                       QStringLiteral("JSON decode error"),
                       QJsonObject{},
                       {{QStringLiteral("error"), parseError.errorString()}}});
        return std::nullopt;
    }
    if (!document.isObject()) {
        const QJsonValue input =
            document.isArray() ? QJsonValue(document.array()) : QJsonValue(QString::fromUtf8(body));
        errors.append(notAnObject(input));
        return std::nullopt;
    }
    return document.object();
}

FieldError notAnObject(const QJsonValue &input)
{
    return {QStringLiteral("model_attributes_type"),
            loc(QStringLiteral("body")),
            QStringLiteral("Input should be a valid dictionary or object to extract fields from"),
            input,
            {}};
}

void redactInputs(FieldErrors &errors, qsizetype first)
{
    for (qsizetype i = first; i < errors.size(); ++i) {
        if (!errors[i].input.isNull())
            errors[i].input = kRedacted;
    }
}

BodyReader::~BodyReader()
{
    if (m_secrets.isEmpty())
        return;
    for (qsizetype i = m_firstError; i < m_errors.size(); ++i) {
        FieldError &error = m_errors[i];
        if (m_secrets.contains(error.loc.last().toString())) {
            error.input = kRedacted;
        } else if (error.input.isObject()) {
            QJsonObject input = error.input.toObject();
            for (const QString &key : std::as_const(m_secrets)) {
                if (input.contains(key))
                    input.insert(key, kRedacted);
            }
            error.input = input;
        }
    }
}

std::optional<QString> BodyReader::secret(const QString &key, Presence presence, StringRule rule)
{
    m_secrets << key;
    return string(key, presence, rule);
}

bool BodyReader::present(const QString &key, Presence presence)
{
    if (m_object.contains(key))
        return true;
    if (presence == Presence::Required)
        m_errors.append(errors::missing(loc(QStringLiteral("body"), key), m_object));
    return false;
}

std::optional<QString> BodyReader::string(const QString &key, Presence presence, StringRule rule)
{
    if (!present(key, presence))
        return presence == Presence::Nullable ? std::optional<QString>(QString()) : std::nullopt;
    const QJsonValue value = m_object.value(key);
    if (presence == Presence::Nullable && value.isNull())
        return QString();
    return asString(value, loc(QStringLiteral("body"), key), m_errors, rule);
}

std::optional<QUuid> BodyReader::uuid(const QString &key, Presence presence)
{
    if (!present(key, presence))
        return presence == Presence::Nullable ? std::optional<QUuid>(QUuid()) : std::nullopt;
    const QJsonValue value = m_object.value(key);
    if (presence == Presence::Nullable && value.isNull())
        return QUuid();
    return asUuid(value, loc(QStringLiteral("body"), key), m_errors);
}

std::optional<QString> BodyReader::email(const QString &key, Presence presence)
{
    if (!present(key, presence))
        return std::nullopt;
    return asEmail(m_object.value(key), loc(QStringLiteral("body"), key), m_errors);
}

std::optional<bool> BodyReader::boolean(const QString &key, Presence presence)
{
    if (!present(key, presence))
        return std::nullopt;
    return asBool(m_object.value(key), loc(QStringLiteral("body"), key), m_errors);
}

} // namespace tickets::validation
