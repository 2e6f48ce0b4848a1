#pragma once
// One request as a handler sees it, and typed access to its path, query and body that collects
// every validation problem before answering 422 once, as FastAPI does.

#include "validation/BodyReader.h"

#include <QHttpServerRequest>
#include <QUrlQuery>

namespace tickets::server {

class Request
{
public:
    Request(const QHttpServerRequest &raw, QStringList paramNames, QStringList params, QByteArray requestId)
        : m_raw(raw), m_paramNames(std::move(paramNames)), m_params(std::move(params)),
          m_query(raw.query()), m_requestId(std::move(requestId))
    {
    }

    const QHttpServerRequest &raw() const { return m_raw; }
    const QByteArray &requestId() const { return m_requestId; }
    QString pathParam(const QString &name) const;

    // The last value of a query parameter (FastAPI's choice for repeated scalars).
    std::optional<QString> queryValue(const QString &name) const;

    // Typed inputs; problems go to errors() and finish() throws them as one 422.
    std::optional<QUuid> pathUuid(const QString &name);
    std::optional<qint64> queryInt(const QString &name, qint64 fallback, std::optional<qint64> ge,
                                   std::optional<qint64> le);
    std::optional<bool> queryBool(const QString &name);
    std::optional<QUuid> queryUuid(const QString &name, validation::Presence presence);
    std::optional<QString> queryString(const QString &name, validation::StringRule rule);
    template <typename E> std::optional<E> queryEnum(const QString &name, validation::Presence presence)
    {
        const auto text = queryValue(name);
        if (!text) {
            if (presence == validation::Presence::Required)
                m_errors.append(errors::missing(loc(QStringLiteral("query"), name), QJsonValue::Null));
            return std::nullopt;
        }
        return validation::asEnum<E>(*text, loc(QStringLiteral("query"), name), m_errors);
    }

    // The body as a model with a static fromJson(QJsonObject, FieldErrors&).
    template <typename Model> std::optional<Model> body()
    {
        if (!hasJsonBody()) {
            m_errors.append(validation::notAnObject(QString::fromUtf8(m_raw.body())));
            return std::nullopt;
        }
        const auto object = validation::parseJsonBody(m_raw.body(), m_errors);
        if (!object)
            return std::nullopt;
        return Model::fromJson(*object, m_errors);
    }

    void finish() const; // throws HttpError 422 when any input was invalid
    FieldErrors &errors() { return m_errors; } // for inputs checked with validation:: directly

private:
    bool hasJsonBody() const;

    const QHttpServerRequest &m_raw;
    QStringList m_paramNames;
    QStringList m_params;
    QUrlQuery m_query;
    QByteArray m_requestId;
    FieldErrors m_errors;
};

} // namespace tickets::server
