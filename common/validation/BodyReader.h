#pragma once
// Reads the fields of one JSON request body with FastAPI's semantics: locations under "body",
// "missing" for absent required fields, one error per problem, every problem reported at once.

#include "validation/Converters.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace tickets::validation {

enum class Presence {
    Required, // absent -> "missing"
    Optional, // absent -> no value, no error (a PATCH that leaves the field alone)
    Nullable, // absent or null -> an engaged, null value
};

// Decodes a request body into a JSON object, or records json_invalid / missing / model_attributes_type.
std::optional<QJsonObject> parseJsonBody(const QByteArray &body, FieldErrors &errors);

// The error for a body that is valid JSON (or text) but not an object.
FieldError notAnObject(const QJsonValue &input);

// What a 422 shows instead of a secret value.
inline const QString kRedacted = QStringLiteral("**********");

// Replaces every input of `errors` (from `first` on) with kRedacted: for bodies that may hold
// secrets in a shape no field reader saw (not JSON, not an object).
void redactInputs(FieldErrors &errors, qsizetype first = 0);

class BodyReader
{
public:
    BodyReader(const QJsonObject &object, FieldErrors &errors)
        : m_object(object), m_errors(errors), m_firstError(errors.size())
    {}
    // Errors this reader added lose the values of secret fields (see secret()).
    ~BodyReader();
    BodyReader(const BodyReader &) = delete;
    BodyReader &operator=(const BodyReader &) = delete;

    bool has(const QString &key) const { return m_object.contains(key); }

    std::optional<QString> string(const QString &key, Presence presence, StringRule rule = {});
    std::optional<QUuid> uuid(const QString &key, Presence presence);
    std::optional<QString> email(const QString &key, Presence presence);
    std::optional<bool> boolean(const QString &key, Presence presence);
    // A string that must never be echoed: errors show kRedacted in its place, and a body
    // quoted in a "missing" error shows it redacted too.
    std::optional<QString> secret(const QString &key, Presence presence, StringRule rule = {});

    // A missing enum takes `fallback` when given, and is required otherwise.
    template <typename E>
    std::optional<E> enumValue(const QString &key, std::optional<E> fallback, Presence presence = Presence::Required)
    {
        if (!m_object.contains(key)) {
            if (fallback)
                return fallback;
            if (presence == Presence::Required)
                m_errors.append(errors::missing(loc(QStringLiteral("body"), key), m_object));
            return std::nullopt;
        }
        return asEnum<E>(m_object.value(key), loc(QStringLiteral("body"), key), m_errors);
    }

private:
    // Common handling of absence; returns false when the converter should not run.
    bool present(const QString &key, Presence presence);

    const QJsonObject &m_object;
    FieldErrors &m_errors;
    qsizetype m_firstError;
    QStringList m_secrets;
};

} // namespace tickets::validation
