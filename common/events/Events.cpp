#include "events/Events.h"

#include "domain/Timestamp.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace tickets::events {

namespace {
QString idText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

QByteArray jsonValue(const QJsonValue &value)
{
    // QJsonDocument escapes strings correctly; an array of one strips back to the value.
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

Event make(const QString &evento, Fields fields)
{
    return Event{evento, std::move(fields), currentTimestamp(), 0};
}
} // namespace

QByteArray orderedJson(const Fields &fields)
{
    QByteArray json = "{";
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            json += ", ";
        json += jsonValue(fields[i].first) + ": " + jsonValue(fields[i].second);
    }
    return json + "}";
}

QByteArray Task::toJson() const
{
    return orderedJson({{QStringLiteral("tipo"), tipo},
                        {QStringLiteral("ticket_id"), idText(ticketId)},
                        {QStringLiteral("timestamp"), timestamp}});
}

std::optional<Task> Task::fromJson(const QByteArray &payload)
{
    const QJsonObject object = QJsonDocument::fromJson(payload).object();
    const QString tipo = object.value(QStringLiteral("tipo")).toString();
    if (tipo.isEmpty())
        return std::nullopt;
    return Task{tipo, QUuid::fromString(object.value(QStringLiteral("ticket_id")).toString()),
                object.value(QStringLiteral("timestamp")).toString()};
}

Task ticketCreadoTask(const QUuid &ticketId)
{
    return Task{tipo::notificarTicketCreado, ticketId, currentTimestamp()};
}

QByteArray Event::toJson() const
{
    Fields all{{QStringLiteral("evento"), evento}};
    all += fields;
    all.append({QStringLiteral("timestamp"), timestamp});
    all.append({QStringLiteral("seq"), seq});
    return orderedJson(all);
}

QByteArray Event::toJsonBeforeSeq() const
{
    Event unnumbered = *this;
    unnumbered.seq = 0;
    QByteArray json = unnumbered.toJson();
    json.chop(2); // "0}": seq is the last key
    return json;
}

std::optional<Event> Event::fromJson(const QByteArray &payload)
{
    const QJsonObject object = QJsonDocument::fromJson(payload).object();
    if (!object.value(QStringLiteral("evento")).isString())
        return std::nullopt;
    Event event{object.value(QStringLiteral("evento")).toString(),
                {},
                object.value(QStringLiteral("timestamp")).toString(),
                object.value(QStringLiteral("seq")).toInteger()};
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() != QLatin1String("evento") && it.key() != QLatin1String("timestamp") &&
            it.key() != QLatin1String("seq"))
            event.fields.append({it.key(), it.value()});
    }
    return event;
}

QJsonValue Event::field(const QString &name) const
{
    for (const auto &[key, value] : fields) {
        if (key == name)
            return value;
    }
    return QJsonValue::Undefined;
}

Event Event::conectado()
{
    return make(evento::conectado, {});
}

Event Event::ticketCreado(const QUuid &ticketId)
{
    return make(evento::ticketCreado, {{QStringLiteral("ticket_id"), idText(ticketId)}});
}

Event Event::ticketActualizado(const QUuid &ticketId, const QString &estado, const QList<CampoTicket> &campos)
{
    QJsonArray names;
    for (CampoTicket campo : campos)
        names.append(wireName(campo));
    return make(evento::ticketActualizado, {{QStringLiteral("ticket_id"), idText(ticketId)},
                                            {QStringLiteral("estado"), estado},
                                            {QStringLiteral("campos"), names}});
}

Event Event::ticketVencido(const QUuid &ticketId)
{
    return make(evento::ticketVencido, {{QStringLiteral("ticket_id"), idText(ticketId)}});
}

Event Event::interaccionCreada(const QUuid &ticketId, qint64 interaccionId, const QString &tipo)
{
    return make(evento::interaccionCreada, {{QStringLiteral("ticket_id"), idText(ticketId)},
                                            {QStringLiteral("interaccion_id"), interaccionId},
                                            {QStringLiteral("tipo"), tipo}});
}

Event Event::usuarioCreado(const QUuid &usuarioId)
{
    return make(evento::usuarioCreado, {{QStringLiteral("usuario_id"), idText(usuarioId)}});
}

Event Event::usuarioActualizado(const QUuid &usuarioId)
{
    return make(evento::usuarioActualizado, {{QStringLiteral("usuario_id"), idText(usuarioId)}});
}

Event Event::notificacionCreada(qint64 notificacionId, const QUuid &usuarioId, const QUuid &ticketId)
{
    return make(evento::notificacionCreada, {{QStringLiteral("notificacion_id"), notificacionId},
                                             {QStringLiteral("usuario_id"), idText(usuarioId)},
                                             {QStringLiteral("ticket_id"), idText(ticketId)}});
}

namespace presencia {
int rank(const QString &estado)
{
    if (estado == fuera)
        return 0;
    if (estado == viendo)
        return 1;
    if (estado == escribiendo)
        return 2;
    return -1;
}
} // namespace presencia

QByteArray AccionPresencia::toJson() const
{
    return orderedJson({{QStringLiteral("accion"), accion}, {QStringLiteral("ticket_id"), idText(ticketId)}});
}

std::optional<AccionPresencia> AccionPresencia::fromJson(const QByteArray &payload)
{
    if (payload.size() > presencia::kMaxMessageBytes)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(payload, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    const QJsonValue accion = object.value(QStringLiteral("accion"));
    const QJsonValue ticket = object.value(QStringLiteral("ticket_id"));
    if (!accion.isString() || !ticket.isString() || presencia::rank(accion.toString()) < 0)
        return std::nullopt;
    const QString text = ticket.toString();
    const QUuid id = QUuid::fromString(text);
    // Only the canonical 36-character form, as every path id.
    if (id.isNull() || text.size() != 36)
        return std::nullopt;
    return AccionPresencia{accion.toString(), id};
}

QByteArray Presencia::toJson() const
{
    return orderedJson({{QStringLiteral("evento"), evento::presencia},
                        {QStringLiteral("ticket_id"), idText(ticketId)},
                        {QStringLiteral("usuario_id"), idText(usuarioId)},
                        {QStringLiteral("nombre"), nombre},
                        {QStringLiteral("estado"), estado},
                        {QStringLiteral("timestamp"), timestamp}});
}

std::optional<Presencia> Presencia::fromJson(const QByteArray &payload)
{
    const QJsonObject object = QJsonDocument::fromJson(payload).object();
    if (object.value(QStringLiteral("evento")).toString() != evento::presencia)
        return std::nullopt;
    Presencia presence{QUuid::fromString(object.value(QStringLiteral("ticket_id")).toString()),
                       QUuid::fromString(object.value(QStringLiteral("usuario_id")).toString()),
                       object.value(QStringLiteral("nombre")).toString(),
                       object.value(QStringLiteral("estado")).toString(),
                       object.value(QStringLiteral("timestamp")).toString()};
    if (presence.ticketId.isNull() || presence.usuarioId.isNull() || presencia::rank(presence.estado) < 0)
        return std::nullopt;
    return presence;
}

Presencia Presencia::now(const QUuid &ticketId, const QUuid &usuarioId, const QString &nombre, const QString &estado)
{
    return Presencia{ticketId, usuarioId, nombre, estado, currentTimestamp()};
}

} // namespace tickets::events
