#include "domain/Ticket.h"

#include "domain/Timestamp.h"
#include "validation/BodyReader.h"

namespace tickets {

using validation::BodyReader;
using validation::Presence;

namespace {
// TicketCreate's rules beyond types, one per field: fromJson applies each to the field it has
// just read (so errors keep the body's field order), validate() applies them all.
bool checkTitulo(const QString &titulo, FieldErrors &errors)
{
    return validation::checkString(titulo, loc(QStringLiteral("body"), QStringLiteral("titulo")), errors,
                                   rules::titulo);
}

bool checkDescripcion(const QString &descripcion, FieldErrors &errors)
{
    return validation::checkString(descripcion, loc(QStringLiteral("body"), QStringLiteral("descripcion")), errors,
                                   rules::descripcion);
}
} // namespace

QJsonObject Ticket::toJson() const
{
    return {{QStringLiteral("id"), id.toString(QUuid::WithoutBraces)},
            {QStringLiteral("usuario_id"), usuarioId.toString(QUuid::WithoutBraces)},
            {QStringLiteral("titulo"), titulo},
            {QStringLiteral("descripcion"), descripcion},
            {QStringLiteral("estado"), wireName(estado)},
            {QStringLiteral("prioridad"), wireName(prioridad)},
            {QStringLiteral("fecha_creacion"), formatTimestamp(fechaCreacion)},
            {QStringLiteral("fecha_actualizacion"), formatTimestamp(fechaActualizacion)}};
}

std::optional<Ticket> Ticket::fromJson(const QJsonObject &object)
{
    const auto estado = enumFromString<Estado>(object.value(QStringLiteral("estado")).toString());
    const auto prioridad = enumFromString<Prioridad>(object.value(QStringLiteral("prioridad")).toString());
    const QUuid id = QUuid::fromString(object.value(QStringLiteral("id")).toString());
    if (!estado || !prioridad || id.isNull())
        return std::nullopt;
    return Ticket{id,
                  QUuid::fromString(object.value(QStringLiteral("usuario_id")).toString()),
                  object.value(QStringLiteral("titulo")).toString(),
                  object.value(QStringLiteral("descripcion")).toString(),
                  *estado,
                  *prioridad,
                  parseTimestamp(object.value(QStringLiteral("fecha_creacion")).toString()),
                  parseTimestamp(object.value(QStringLiteral("fecha_actualizacion")).toString())};
}

QJsonObject TicketCreate::toJson() const
{
    return {{QStringLiteral("usuario_id"), usuarioId.toString(QUuid::WithoutBraces)},
            {QStringLiteral("titulo"), titulo},
            {QStringLiteral("descripcion"), descripcion},
            {QStringLiteral("prioridad"), wireName(prioridad)}};
}

std::optional<TicketCreate> TicketCreate::fromJson(const QJsonObject &body, FieldErrors &errors)
{
    BodyReader reader(body, errors);
    const auto usuarioId = reader.uuid(QStringLiteral("usuario_id"), Presence::Required);
    auto titulo = reader.string(QStringLiteral("titulo"), Presence::Required);
    if (titulo && !checkTitulo(*titulo, errors))
        titulo.reset();
    auto descripcion = reader.string(QStringLiteral("descripcion"), Presence::Required);
    if (descripcion && !checkDescripcion(*descripcion, errors))
        descripcion.reset();
    const auto prioridad = reader.enumValue<Prioridad>(QStringLiteral("prioridad"), Prioridad::Media);
    if (!usuarioId || !titulo || !descripcion || !prioridad)
        return std::nullopt;
    return TicketCreate{*usuarioId, *titulo, *descripcion, *prioridad};
}

bool TicketCreate::validate(FieldErrors &errors) const
{
    const bool tituloOk = checkTitulo(titulo, errors);
    const bool descripcionOk = checkDescripcion(descripcion, errors);
    return tituloOk && descripcionOk;
}

QJsonObject TicketResumen::toJson() const
{
    QJsonObject estados;
    for (Estado estado : enumValues<Estado>())
        estados.insert(wireName(estado), porEstado.value(estado));
    QJsonObject prioridades;
    for (Prioridad prioridad : enumValues<Prioridad>())
        prioridades.insert(wireName(prioridad), porPrioridad.value(prioridad));
    return {{QStringLiteral("total"), total},
            {QStringLiteral("por_estado"), estados},
            {QStringLiteral("por_prioridad"), prioridades}};
}

TicketResumen TicketResumen::fromJson(const QJsonObject &object)
{
    TicketResumen resumen;
    resumen.total = object.value(QStringLiteral("total")).toInteger();
    const QJsonObject estados = object.value(QStringLiteral("por_estado")).toObject();
    for (Estado estado : enumValues<Estado>())
        resumen.porEstado.insert(estado, estados.value(wireName(estado)).toInteger());
    const QJsonObject prioridades = object.value(QStringLiteral("por_prioridad")).toObject();
    for (Prioridad prioridad : enumValues<Prioridad>())
        resumen.porPrioridad.insert(prioridad, prioridades.value(wireName(prioridad)).toInteger());
    return resumen;
}

} // namespace tickets
