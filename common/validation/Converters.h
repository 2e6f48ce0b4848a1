#pragma once
// Typed conversions of one input value with Pydantic 2's rules and messages. Each returns the value,
// or nothing after appending the reason to `errors`. Query strings and JSON bodies share them.

#include "validation/FieldError.h"
#include "wire/Enums.h"

#include <QJsonValue>
#include <QUuid>

#include <optional>

namespace tickets::validation {

struct StringRule
{
    int minLength = 0;
    int maxLength = -1; // -1: unbounded
};

std::optional<QString> asString(const QJsonValue &value, const QJsonArray &loc, FieldErrors &errors,
                                StringRule rule = {});
std::optional<QUuid> asUuid(const QJsonValue &value, const QJsonArray &loc, FieldErrors &errors);
std::optional<bool> asBool(const QJsonValue &value, const QJsonArray &loc, FieldErrors &errors);
std::optional<qint64> asInt(const QJsonValue &value, const QJsonArray &loc, FieldErrors &errors,
                            std::optional<qint64> ge = std::nullopt, std::optional<qint64> le = std::nullopt);
std::optional<QString> asEmail(const QJsonValue &value, const QJsonArray &loc, FieldErrors &errors);

// The same rules on values that are already typed (a form's QString), with the same errors:
// what asString checks after the type (no NUL, the rule's lengths), and what asEmail checks
// after it. checkString returns false, checkEmailAddress nothing, after appending the reason.
bool checkString(const QString &text, const QJsonArray &loc, FieldErrors &errors, StringRule rule = {});
std::optional<QString> checkEmailAddress(const QString &text, const QJsonArray &loc, FieldErrors &errors);

FieldError enumError(const QString &expectation, const QJsonArray &loc, const QJsonValue &input);

template <typename E> std::optional<E> asEnum(const QJsonValue &value, const QJsonArray &loc, FieldErrors &errors)
{
    if (value.isString()) {
        if (auto parsed = enumFromString<E>(value.toString()))
            return parsed;
    }
    errors.append(enumError(enumExpectation<E>(), loc, value));
    return std::nullopt;
}

// Python's len(): code points, not UTF-16 units.
int codePointLength(const QString &text);

// The reason a string is not a UUID, in the words of the uuid crate Pydantic uses; empty when valid.
QString uuidProblem(const QString &text);

} // namespace tickets::validation
