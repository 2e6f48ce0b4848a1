#pragma once
// A notice for a support agent (created by the batch worker when a ticket is opened).

#include <QDateTime>
#include <QJsonObject>
#include <QUuid>

#include <optional>

namespace tickets {

struct Notificacion
{
    qint64 id = 0;
    QUuid usuarioId; // the recipient
    QUuid ticketId;
    QString mensaje;
    bool leida = false;
    QDateTime fechaCreacion;

    QJsonObject toJson() const;
    static std::optional<Notificacion> fromJson(const QJsonObject &object);
};

// The text of the notice for a new ticket.
QString mensajeTicketCreado(const QString &titulo);
// The text of the notice for a ticket past its due time.
QString mensajeTicketVencido(qint64 numero, const QString &titulo);

} // namespace tickets
