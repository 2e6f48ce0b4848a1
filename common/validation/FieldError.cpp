#include "validation/FieldError.h"

namespace tickets {

QJsonObject FieldError::toJson() const
{
    QJsonObject object{{QStringLiteral("type"), type},
                       {QStringLiteral("loc"), loc},
                       {QStringLiteral("msg"), msg},
                       {QStringLiteral("input"), input}};
    if (!ctx.isEmpty())
        object.insert(QStringLiteral("ctx"), ctx);
    return object;
}

FieldError FieldError::fromJson(const QJsonObject &object)
{
    return FieldError{object.value(QStringLiteral("type")).toString(), object.value(QStringLiteral("loc")).toArray(),
                      object.value(QStringLiteral("msg")).toString(), object.value(QStringLiteral("input")),
                      object.value(QStringLiteral("ctx")).toObject()};
}

QJsonArray toDetail(const FieldErrors &errors)
{
    QJsonArray detail;
    for (const FieldError &error : errors)
        detail.append(error.toJson());
    return detail;
}

QJsonArray loc(const QString &where, const QString &field)
{
    QJsonArray array{where};
    if (!field.isEmpty())
        array.append(field);
    return array;
}

namespace errors {
FieldError missing(const QJsonArray &loc, const QJsonValue &input)
{
    return FieldError{QStringLiteral("missing"), loc, QStringLiteral("Field required"), input, {}};
}
} // namespace errors

} // namespace tickets
