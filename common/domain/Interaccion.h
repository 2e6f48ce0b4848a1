#pragma once
// A comment, a state change or an internal note on a ticket.

#include "validation/Converters.h"
#include "wire/Enums.h"

#include <QDateTime>
#include <QJsonObject>
#include <QUuid>

#include <optional>

namespace tickets {

namespace rules {
inline constexpr validation::StringRule contenido{1, 100000};
inline constexpr int interaccionesPorPagina = 50; // the contract's cap on GET /tickets/{id}/interacciones
} // namespace rules

struct Interaccion
{
    qint64 id = 0;
    QUuid ticketId;
    QUuid usuarioId; // null when nobody in particular wrote it
    TipoInteraccion tipo = TipoInteraccion::Comentario;
    QString contenido;
    QDateTime fechaCreacion;
    QUuid registradoPor; // added: staff who wrote it on usuario_id's behalf; null otherwise

    QJsonObject toJson() const;
    static std::optional<Interaccion> fromJson(const QJsonObject &object);
};

struct InteraccionCreate
{
    QUuid ticketId;
    QUuid usuarioId; // optional
    TipoInteraccion tipo = TipoInteraccion::Comentario;
    QString contenido;

    QJsonObject toJson() const;
    static std::optional<InteraccionCreate> fromJson(const QJsonObject &body, FieldErrors &errors);
    // The rules beyond types (contenido), on the typed values: the errors fromJson would give
    // for the same input. False after appending them.
    bool validate(FieldErrors &errors) const;
};

// The text of the interaction a state change leaves behind.
QString cambioEstadoTexto(Estado nuevoEstado);

} // namespace tickets
