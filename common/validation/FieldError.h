#pragma once
// One validation problem, shaped like a Pydantic 2 error item, as FastAPI returns it in a 422 body.

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace tickets {

struct FieldError
{
    QString type;     // Pydantic's error type: missing, enum, uuid_parsing, ...
    QJsonArray loc;   // e.g. ["body", "email"] or ["query", "limit"]
    QString msg;      // Pydantic's English message
    QJsonValue input; // the offending value
    QJsonObject ctx;  // extra facts (ge, max_length, expected, ...), omitted when empty

    QJsonObject toJson() const;
    static FieldError fromJson(const QJsonObject &object);
};

using FieldErrors = QList<FieldError>;

// The "detail" array of a 422 answer.
QJsonArray toDetail(const FieldErrors &errors);

// Location helpers: loc("body", "email") -> ["body", "email"].
QJsonArray loc(const QString &where, const QString &field = {});

namespace errors {
FieldError missing(const QJsonArray &loc, const QJsonValue &input);
} // namespace errors

} // namespace tickets
