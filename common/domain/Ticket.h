#pragma once
// A support ticket, the bodies that open and edit one, a change in its history, its due time
// (SLA), and the per-state / per-priority summary.

#include "validation/Converters.h"
#include "wire/Enums.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QUuid>

#include <array>
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
    // Added to the contract's shape (issue 15): a number people can say ("el #1234"), the
    // owner, the due time, and the version an edit names in If-Match.
    qint64 numero = 0;
    QUuid asignadoA;   // null: unassigned
    QDateTime venceEn; // invalid: no due time (resuelto, cerrado, or opened before SLAs existed)
    qint64 version = 1;

    QJsonObject toJson() const;
    static std::optional<Ticket> fromJson(const QJsonObject &object);
    // The ETag of this version of the ticket: "<version>".
    QByteArray etag() const;
};

// If-Match: "<version>" (or W/"<version>", or a list of them): the versions it names; nothing
// for `*` or an absent header. A value that names no version matches no ticket.
std::optional<QList<qint64>> versionsInIfMatch(const QByteArray &header);

// PATCH /tickets/{id}: the fields present change, the others stay.
struct TicketUpdate
{
    std::optional<QString> titulo;
    std::optional<QString> descripcion;
    std::optional<Prioridad> prioridad;
    std::optional<QUuid> asignadoA; // a null QUuid unassigns (JSON null)

    bool isEmpty() const { return !titulo && !descripcion && !prioridad && !asignadoA; }
    QJsonObject toJson() const;
    static std::optional<TicketUpdate> fromJson(const QJsonObject &body, FieldErrors &errors);
    // The fields this update would really change in `ticket` (an unchanged value is no change).
    QList<CampoTicket> changesTo(const Ticket &ticket) const;
};

// One change in a ticket's history (GET /tickets/{id}/historial). Values as on the wire:
// an estado or prioridad name, a user id, the text; null for "none".
struct CambioTicket
{
    qint64 id = 0;
    CampoTicket campo = CampoTicket::Estado;
    std::optional<QString> anterior;
    std::optional<QString> nuevo;
    QUuid usuarioId; // null: made without a known caller (open contract) or by the system
    QDateTime fecha;

    QJsonObject toJson() const;
    static std::optional<CambioTicket> fromJson(const QJsonObject &object);
};

// A field's value in the history's text form (what CambioTicket::anterior / nuevo hold).
std::optional<QString> historyValue(const Ticket &ticket, CampoTicket campo);
std::optional<QString> historyValue(const TicketUpdate &update, CampoTicket campo);

// The time allowed to resolve a ticket of each priority (TICKETS_SLA_HORAS): vence_en is
// fecha_creacion plus this, recomputed when the priority changes, none while resuelto or
// cerrado, and set again when the ticket is reopened.
class SlaPolicy
{
public:
    SlaPolicy(); // {"critica":4,"alta":8,"media":24,"baja":72}
    // A JSON object of hours by priority (fractions allowed; priorities left out keep their
    // default). Nothing, with `error` set, for anything else.
    static std::optional<SlaPolicy> fromJson(const QByteArray &json, QString *error);
    double hours(Prioridad prioridad) const { return m_hours[static_cast<std::size_t>(prioridad)]; }
    qint64 seconds(Prioridad prioridad) const;
    QByteArray toJson() const;

private:
    std::array<double, 4> m_hours;
};

// Whether a ticket in this state has a due time at all.
constexpr bool hasDueTime(Estado estado)
{
    return estado == Estado::Abierto || estado == Estado::EnProceso;
}

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
    // Added (issue 15), over the pending work (abierto, en_proceso): nobody's, past its due
    // time, and, with a token, the caller's own.
    qint64 sinAsignar = 0;
    qint64 vencidos = 0;
    std::optional<qint64> mios;

    QJsonObject toJson() const;
    static TicketResumen fromJson(const QJsonObject &object);
};

} // namespace tickets
