#pragma once
// A support ticket, the body that opens one, and the per-state / per-priority summary.

#include "validation/Converters.h"
#include "wire/Enums.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QUuid>

#include <optional>

namespace tickets {

namespace rules {
inline constexpr validation::StringRule titulo{1, 255};
inline constexpr validation::StringRule descripcion{0, 100000};
} // namespace rules

struct Ticket
{
    QUuid id;
    QUuid usuarioId;
    QString titulo;
    QString descripcion;
    Estado estado = Estado::Abierto;
    Prioridad prioridad = Prioridad::Media;
    QDateTime fechaCreacion;
    QDateTime fechaActualizacion;

    QJsonObject toJson() const;
    static std::optional<Ticket> fromJson(const QJsonObject &object);
};

struct TicketCreate
{
    QUuid usuarioId;
    QString titulo;
    QString descripcion;
    Prioridad prioridad = Prioridad::Media;

    QJsonObject toJson() const;
    static std::optional<TicketCreate> fromJson(const QJsonObject &body, FieldErrors &errors);
    // The rules beyond types (titulo, descripcion), on the typed values: the errors fromJson
    // would give for the same input. False after appending them.
    bool validate(FieldErrors &errors) const;
};

// GET /tickets/resumen: how many tickets there are in each state and priority.
struct TicketResumen
{
    qint64 total = 0;
    QMap<Estado, qint64> porEstado;
    QMap<Prioridad, qint64> porPrioridad;

    QJsonObject toJson() const;
    static TicketResumen fromJson(const QJsonObject &object);
};

} // namespace tickets
