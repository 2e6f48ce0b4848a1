#include "domain/Notificacion.h"

#include "domain/Timestamp.h"

namespace tickets {

QJsonObject Notificacion::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("usuario_id"), usuarioId.toString(QUuid::WithoutBraces)},
            {QStringLiteral("ticket_id"), ticketId.toString(QUuid::WithoutBraces)},
            {QStringLiteral("mensaje"), mensaje},
            {QStringLiteral("leida"), leida},
            {QStringLiteral("fecha_creacion"), formatTimestamp(fechaCreacion)}};
}

std::optional<Notificacion> Notificacion::fromJson(const QJsonObject &object)
{
    if (!object.value(QStringLiteral("id")).isDouble())
        return std::nullopt;
    return Notificacion{object.value(QStringLiteral("id")).toInteger(),
                        QUuid::fromString(object.value(QStringLiteral("usuario_id")).toString()),
                        QUuid::fromString(object.value(QStringLiteral("ticket_id")).toString()),
                        object.value(QStringLiteral("mensaje")).toString(),
                        object.value(QStringLiteral("leida")).toBool(),
                        parseTimestamp(object.value(QStringLiteral("fecha_creacion")).toString())};
}

QString mensajeTicketCreado(const QString &titulo)
{
    return QStringLiteral("Nuevo ticket: ") + titulo;
}

QString mensajeTicketVencido(qint64 numero, const QString &titulo)
{
    return QStringLiteral("Ticket #%1 vencido: %2").arg(numero).arg(titulo);
}

} // namespace tickets
