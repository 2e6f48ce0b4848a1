#pragma once
// One request as a handler sees it, and typed access to its path, query and body that collects
// every validation problem before answering 422 once, as FastAPI does.

#include "auth/Access.h"
#include "http/Message.h"
#include "protocol/Cursor.h"
#include "validation/BodyReader.h"

#include <QUrlQuery>

namespace tickets::server {

class Request
{
public:
    Request(const http::Request &raw, QStringList paramNames, QStringList params, QByteArray requestId)
        : m_raw(raw), m_paramNames(std::move(paramNames)), m_params(std::move(params)),
          m_requestId(std::move(requestId))
    {}

    const http::Request &raw() const { return m_raw; }
    // Who is asking (set by the server before the handler runs).
    const Access &access() const { return m_access; }
    void setAccess(Access access) { m_access = std::move(access); }
    // The body holds secrets: a 422 never quotes what was sent.
    void markSensitive() { m_sensitive = true; }
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
    // ?cursor= (protocol::Cursor), a token from X-Next-Cursor; with `skip` too, or not one of
    // ours: a 422.
    // `orden`: the list's order as a cursor names it ("" for the default); a cursor of
    // another order is invalid.
    std::optional<protocol::Cursor> queryCursor(const QString &orden = {});
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

    // A comma-separated list of enum values (estado=abierto,en_proceso); empty when absent.
    template <typename E> QList<E> queryEnumList(const QString &name)
    {
        QList<E> values;
        const auto text = queryValue(name);
        if (!text)
            return values;
        for (const QString &part : text->split(u',')) {
            const auto value = validation::asEnum<E>(part.trimmed(), loc(QStringLiteral("query"), name), m_errors);
            if (value && !values.contains(*value))
                values << *value;
        }
        return values;
    }

    // The body as a model with a static fromJson(QJsonObject, FieldErrors&). `defaults` fill
    // fields the client left out (the caller's own id when the token says who they are).
    template <typename Model> std::optional<Model> body(const QJsonObject &defaults = {})
    {
        if (!hasJsonBody()) {
            m_errors.append(validation::notAnObject(QString::fromUtf8(m_raw.body)));
            return std::nullopt;
        }
        auto object = validation::parseJsonBody(m_raw.body, m_errors);
        if (!object)
            return std::nullopt;
        for (auto it = defaults.begin(); it != defaults.end(); ++it) {
            if (!object->contains(it.key()))
                object->insert(it.key(), it.value());
        }
        return Model::fromJson(*object, m_errors);
    }

    void finish(); // throws a 422 (protocol::Error, kind Invalid) when any input was invalid
    FieldErrors &errors() { return m_errors; } // for inputs checked with validation:: directly

private:
    bool hasJsonBody() const;

    const http::Request &m_raw;
    QStringList m_paramNames;
    QStringList m_params;
    QByteArray m_requestId;
    FieldErrors m_errors;
    Access m_access = Access::anonymous();
    bool m_sensitive = false;
};

// Body fields a token fills in when the client leaves them out: usuario_id is the caller.
QJsonObject callerDefaults(const Access &access);

} // namespace tickets::server
