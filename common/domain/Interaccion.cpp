#include "domain/Interaccion.h"

#include "domain/Timestamp.h"
#include "validation/BodyReader.h"

namespace tickets {

using validation::BodyReader;
using validation::Presence;

namespace {
// InteraccionCreate's one rule beyond types, shared by fromJson and validate().
bool checkContenido(const QString &contenido, FieldErrors &errors)
{
    return validation::checkString(contenido, loc(QStringLiteral("body"), QStringLiteral("contenido")), errors,
                                   rules::contenido);
}
} // namespace

static QJsonValue uuidOrNull(const QUuid &id)
{
    return id.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(id.toString(QUuid::WithoutBraces));
}

QJsonObject Interaccion::toJson() const
{
    QJsonObject object{{QStringLiteral("id"), id},
                       {QStringLiteral("ticket_id"), ticketId.toString(QUuid::WithoutBraces)},
                       {QStringLiteral("usuario_id"), uuidOrNull(usuarioId)},
                       {QStringLiteral("tipo"), wireName(tipo)},
                       {QStringLiteral("contenido"), contenido},
                       {QStringLiteral("fecha_creacion"), formatTimestamp(fechaCreacion)}};
    // Only present when it says something, so the contract's shape is unchanged otherwise.
    if (!registradoPor.isNull())
        object.insert(QStringLiteral("registrado_por"), registradoPor.toString(QUuid::WithoutBraces));
    return object;
}

std::optional<Interaccion> Interaccion::fromJson(const QJsonObject &object)
{
    const auto tipo = enumFromString<TipoInteraccion>(object.value(QStringLiteral("tipo")).toString());
    if (!tipo)
        return std::nullopt;
    return Interaccion{object.value(QStringLiteral("id")).toInteger(),
                       QUuid::fromString(object.value(QStringLiteral("ticket_id")).toString()),
                       QUuid::fromString(object.value(QStringLiteral("usuario_id")).toString()),
                       *tipo,
                       object.value(QStringLiteral("contenido")).toString(),
                       parseTimestamp(object.value(QStringLiteral("fecha_creacion")).toString()),
                       QUuid::fromString(object.value(QStringLiteral("registrado_por")).toString())};
}

QJsonObject InteraccionCreate::toJson() const
{
    return {{QStringLiteral("ticket_id"), ticketId.toString(QUuid::WithoutBraces)},
            {QStringLiteral("usuario_id"), uuidOrNull(usuarioId)},
            {QStringLiteral("tipo"), wireName(tipo)},
            {QStringLiteral("contenido"), contenido}};
}

std::optional<InteraccionCreate> InteraccionCreate::fromJson(const QJsonObject &body, FieldErrors &errors)
{
    BodyReader reader(body, errors);
    const auto ticketId = reader.uuid(QStringLiteral("ticket_id"), Presence::Required);
    const auto usuarioId = reader.uuid(QStringLiteral("usuario_id"), Presence::Nullable);
    const auto tipo = reader.enumValue<TipoInteraccion>(QStringLiteral("tipo"), TipoInteraccion::Comentario);
    auto contenido = reader.string(QStringLiteral("contenido"), Presence::Required);
    if (contenido && !checkContenido(*contenido, errors))
        contenido.reset();
    if (!ticketId || !usuarioId || !tipo || !contenido)
        return std::nullopt;
    return InteraccionCreate{*ticketId, *usuarioId, *tipo, *contenido};
}

bool InteraccionCreate::validate(FieldErrors &errors) const
{
    return checkContenido(contenido, errors);
}

QString cambioEstadoTexto(Estado nuevoEstado)
{
    return QStringLiteral("Estado actualizado a ") + wireName(nuevoEstado);
}

} // namespace tickets
