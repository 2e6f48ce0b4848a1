#include "domain/Ticket.h"

#include "domain/Timestamp.h"
#include "validation/BodyReader.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

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

QJsonValue idOrNull(const QUuid &id)
{
    return id.isNull() ? QJsonValue() : QJsonValue(id.toString(QUuid::WithoutBraces));
}

QJsonValue timestampOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(formatTimestamp(time)) : QJsonValue();
}

QJsonValue textOrNull(const std::optional<QString> &text)
{
    return text ? QJsonValue(*text) : QJsonValue();
}

std::optional<QString> optionalText(const QJsonValue &value)
{
    return value.isString() ? std::optional<QString>(value.toString()) : std::nullopt;
}

const std::array<double, 4> kDefaultSlaHours{72, 24, 8, 4}; // baja, media, alta, critica
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
            {QStringLiteral("fecha_actualizacion"), formatTimestamp(fechaActualizacion)},
            {QStringLiteral("numero"), numero},
            {QStringLiteral("asignado_a"), idOrNull(asignadoA)},
            {QStringLiteral("vence_en"), timestampOrNull(venceEn)},
            {QStringLiteral("version"), version}};
}

QByteArray Ticket::etag() const
{
    return '"' + QByteArray::number(version) + '"';
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
                  parseTimestamp(object.value(QStringLiteral("fecha_actualizacion")).toString()),
                  object.value(QStringLiteral("numero")).toInteger(),
                  QUuid::fromString(object.value(QStringLiteral("asignado_a")).toString()),
                  parseTimestamp(object.value(QStringLiteral("vence_en")).toString()),
                  object.value(QStringLiteral("version")).toInteger(1)};
}

std::optional<QList<qint64>> versionsInIfMatch(const QByteArray &header)
{
    const QByteArray trimmed = header.trimmed();
    if (trimmed.isEmpty() || trimmed == "*")
        return std::nullopt;
    QList<qint64> versions;
    for (QByteArray tag : trimmed.split(',')) {
        tag = tag.trimmed();
        if (tag.startsWith("W/"))
            tag = tag.mid(2);
        if (tag.size() < 3 || !tag.startsWith('"') || !tag.endsWith('"'))
            continue;
        bool ok = false;
        const qint64 version = tag.mid(1, tag.size() - 2).toLongLong(&ok);
        if (ok && version > 0)
            versions << version;
    }
    return versions;
}

QJsonObject TicketUpdate::toJson() const
{
    QJsonObject object;
    if (titulo)
        object.insert(QStringLiteral("titulo"), *titulo);
    if (descripcion)
        object.insert(QStringLiteral("descripcion"), *descripcion);
    if (prioridad)
        object.insert(QStringLiteral("prioridad"), wireName(*prioridad));
    if (asignadoA)
        object.insert(QStringLiteral("asignado_a"), idOrNull(*asignadoA));
    return object;
}

std::optional<TicketUpdate> TicketUpdate::fromJson(const QJsonObject &body, FieldErrors &errors)
{
    BodyReader reader(body, errors);
    const qsizetype before = errors.size();
    TicketUpdate update;
    update.titulo = reader.string(QStringLiteral("titulo"), Presence::Optional);
    if (update.titulo && !checkTitulo(*update.titulo, errors))
        update.titulo.reset();
    update.descripcion = reader.string(QStringLiteral("descripcion"), Presence::Optional);
    if (update.descripcion && !checkDescripcion(*update.descripcion, errors))
        update.descripcion.reset();
    update.prioridad = reader.enumValue<Prioridad>(QStringLiteral("prioridad"), std::nullopt, Presence::Optional);
    if (reader.has(QStringLiteral("asignado_a")))
        update.asignadoA = reader.uuid(QStringLiteral("asignado_a"), Presence::Nullable);
    if (errors.size() > before)
        return std::nullopt;
    return update;
}

QList<CampoTicket> TicketUpdate::changesTo(const Ticket &ticket) const
{
    QList<CampoTicket> campos;
    if (prioridad && *prioridad != ticket.prioridad)
        campos << CampoTicket::Prioridad;
    if (asignadoA && *asignadoA != ticket.asignadoA)
        campos << CampoTicket::AsignadoA;
    if (titulo && *titulo != ticket.titulo)
        campos << CampoTicket::Titulo;
    if (descripcion && *descripcion != ticket.descripcion)
        campos << CampoTicket::Descripcion;
    return campos;
}

std::optional<QString> historyValue(const Ticket &ticket, CampoTicket campo)
{
    switch (campo) {
    case CampoTicket::Estado: return wireName(ticket.estado);
    case CampoTicket::Prioridad: return wireName(ticket.prioridad);
    case CampoTicket::AsignadoA:
        return ticket.asignadoA.isNull() ? std::nullopt
                                         : std::optional<QString>(ticket.asignadoA.toString(QUuid::WithoutBraces));
    case CampoTicket::Titulo: return ticket.titulo;
    case CampoTicket::Descripcion: return ticket.descripcion;
    }
    return std::nullopt;
}

std::optional<QString> historyValue(const TicketUpdate &update, CampoTicket campo)
{
    switch (campo) {
    case CampoTicket::Estado: return std::nullopt;
    case CampoTicket::Prioridad:
        return update.prioridad ? std::optional<QString>(wireName(*update.prioridad)) : std::nullopt;
    case CampoTicket::AsignadoA:
        return update.asignadoA && !update.asignadoA->isNull()
                   ? std::optional<QString>(update.asignadoA->toString(QUuid::WithoutBraces))
                   : std::nullopt;
    case CampoTicket::Titulo: return update.titulo;
    case CampoTicket::Descripcion: return update.descripcion;
    }
    return std::nullopt;
}

QJsonObject CambioTicket::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("campo"), wireName(campo)},
            {QStringLiteral("anterior"), textOrNull(anterior)},
            {QStringLiteral("nuevo"), textOrNull(nuevo)},
            {QStringLiteral("usuario_id"), idOrNull(usuarioId)},
            {QStringLiteral("fecha"), formatTimestamp(fecha)}};
}

std::optional<CambioTicket> CambioTicket::fromJson(const QJsonObject &object)
{
    const auto campo = enumFromString<CampoTicket>(object.value(QStringLiteral("campo")).toString());
    if (!campo)
        return std::nullopt;
    return CambioTicket{object.value(QStringLiteral("id")).toInteger(),
                        *campo,
                        optionalText(object.value(QStringLiteral("anterior"))),
                        optionalText(object.value(QStringLiteral("nuevo"))),
                        QUuid::fromString(object.value(QStringLiteral("usuario_id")).toString()),
                        parseTimestamp(object.value(QStringLiteral("fecha")).toString())};
}

SlaPolicy::SlaPolicy() : m_hours(kDefaultSlaHours) {}

std::optional<SlaPolicy> SlaPolicy::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject()) {
        *error = QStringLiteral("must be a JSON object of hours by priority, e.g. "
                                "{\"critica\":4,\"alta\":8,\"media\":24,\"baja\":72}");
        return std::nullopt;
    }
    SlaPolicy policy;
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const auto prioridad = enumFromString<Prioridad>(it.key());
        if (!prioridad) {
            *error =
                QStringLiteral("unknown priority \"%1\" (expected %2)").arg(it.key(), enumExpectation<Prioridad>());
            return std::nullopt;
        }
        const double hours = it.value().toDouble(-1);
        // At most ten years: a due time PostgreSQL and people can still read.
        if (!it.value().isDouble() || !(hours > 0) || hours > 87600) {
            *error = QStringLiteral("hours for \"%1\" must be a number above 0 and at most 87600").arg(it.key());
            return std::nullopt;
        }
        policy.m_hours[static_cast<std::size_t>(*prioridad)] = hours;
    }
    return policy;
}

qint64 SlaPolicy::seconds(Prioridad prioridad) const
{
    return qMax<qint64>(1, std::llround(hours(prioridad) * 3600));
}

QByteArray SlaPolicy::toJson() const
{
    QJsonObject object;
    for (Prioridad prioridad : enumValues<Prioridad>())
        object.insert(wireName(prioridad), hours(prioridad));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
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
    QJsonObject object{{QStringLiteral("total"), total},
                       {QStringLiteral("por_estado"), estados},
                       {QStringLiteral("por_prioridad"), prioridades},
                       {QStringLiteral("sin_asignar"), sinAsignar},
                       {QStringLiteral("vencidos"), vencidos}};
    if (mios)
        object.insert(QStringLiteral("mios"), *mios);
    return object;
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
    resumen.sinAsignar = object.value(QStringLiteral("sin_asignar")).toInteger();
    resumen.vencidos = object.value(QStringLiteral("vencidos")).toInteger();
    if (object.contains(QStringLiteral("mios")))
        resumen.mios = object.value(QStringLiteral("mios")).toInteger();
    return resumen;
}

} // namespace tickets
