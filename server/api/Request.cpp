#include "api/Request.h"

#include "protocol/ErrorKind.h"
#include "protocol/Messages.h"

namespace tickets::server {

using validation::Presence;

QString Request::pathParam(const QString &name) const
{
    const qsizetype index = m_paramNames.indexOf(name);
    return index >= 0 ? m_params.value(index) : QString();
}

std::optional<QString> Request::queryValue(const QString &name) const
{
    const QStringList values = m_raw.query.allQueryItemValues(name, QUrl::FullyDecoded);
    if (values.isEmpty())
        return std::nullopt;
    return values.last();
}

std::optional<QUuid> Request::pathUuid(const QString &name)
{
    return validation::asUuid(pathParam(name), loc(QStringLiteral("path"), name), m_errors);
}

std::optional<qint64> Request::queryInt(const QString &name, qint64 fallback, std::optional<qint64> ge,
                                        std::optional<qint64> le)
{
    const auto text = queryValue(name);
    if (!text)
        return fallback;
    return validation::asInt(*text, loc(QStringLiteral("query"), name), m_errors, ge, le);
}

std::optional<protocol::Cursor> Request::queryCursor(const QString &orden)
{
    const auto text = queryValue(QStringLiteral("cursor"));
    if (!text)
        return std::nullopt;
    const QJsonArray where = loc(QStringLiteral("query"), QStringLiteral("cursor"));
    auto cursor = protocol::Cursor::decode(text->toLatin1());
    if (!cursor) {
        m_errors.append({QStringLiteral("value_error"),
                         where,
                         QStringLiteral("Value error, cursor no válido: use el valor de X-Next-Cursor"),
                         *text,
                         {}});
    } else if (cursor->orden != orden) {
        m_errors.append({QStringLiteral("value_error"), where, protocol::msg::cursorDeOtroOrden, *text, {}});
        return std::nullopt;
    } else if (queryValue(QStringLiteral("skip"))) {
        m_errors.append({QStringLiteral("value_error"),
                         where,
                         QStringLiteral("Value error, cursor y skip no se combinan"),
                         *text,
                         {}});
        return std::nullopt;
    }
    return cursor;
}

std::optional<bool> Request::queryBool(const QString &name)
{
    const auto text = queryValue(name);
    if (!text)
        return std::nullopt;
    return validation::asBool(*text, loc(QStringLiteral("query"), name), m_errors);
}

std::optional<QUuid> Request::queryUuid(const QString &name, Presence presence)
{
    const auto text = queryValue(name);
    if (!text) {
        if (presence == Presence::Required)
            m_errors.append(errors::missing(loc(QStringLiteral("query"), name), QJsonValue::Null));
        return std::nullopt;
    }
    return validation::asUuid(*text, loc(QStringLiteral("query"), name), m_errors);
}

std::optional<QString> Request::queryString(const QString &name, validation::StringRule rule)
{
    const auto text = queryValue(name);
    if (!text)
        return std::nullopt;
    return validation::asString(*text, loc(QStringLiteral("query"), name), m_errors, rule);
}

bool Request::hasJsonBody() const
{
    // FastAPI reads JSON when the content type is JSON or absent; any other body is not an object.
    const QByteArray mime = m_raw.header("content-type").toLower().split(';').first().trimmed();
    return mime.isEmpty() || mime == "application/json" || mime.endsWith("+json") || m_raw.body.isEmpty();
}

void Request::finish()
{
    if (m_errors.isEmpty())
        return;
    if (m_sensitive)
        validation::redactInputs(m_errors);
    throw protocol::Error::invalid(toDetail(m_errors));
}

QJsonObject callerDefaults(const Access &access)
{
    if (!access.caller())
        return {};
    return {{QStringLiteral("usuario_id"), access.callerId().toString(QUuid::WithoutBraces)}};
}

} // namespace tickets::server
