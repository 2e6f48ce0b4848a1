#pragma once
// The batch queue's tasks and the live events, in the original backend's formats:
//   task  {"tipo": "notificar_ticket_creado", "ticket_id": "…", "timestamp": "…"}  -> cola:batch:procesar
//   event {"evento": "ticket_creado", "ticket_id": "…", "timestamp": "…", "seq": N} -> canal:batch:eventos
// Keys keep that order and Python's json.dumps spacing, so consumers of the original see the
// same bytes. `seq` (added) is the event's outbox id: increasing, so a gap shows a miss.

#include "wire/Enums.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QUuid>

#include <optional>

namespace tickets::events {

inline constexpr char kQueue[] = "cola:batch:procesar";
inline constexpr char kChannel[] = "canal:batch:eventos";
inline constexpr char kFailedQueue[] = "cola:batch:fallidos";
// Presence (who is looking at or writing on a ticket): ephemeral, never in the outbox.
inline constexpr char kPresenceChannel[] = "canal:presencia";

namespace tipo {
inline const QString notificarTicketCreado = QStringLiteral("notificar_ticket_creado");
} // namespace tipo

namespace evento {
inline const QString ticketCreado = QStringLiteral("ticket_creado");
inline const QString ticketActualizado = QStringLiteral("ticket_actualizado");
inline const QString interaccionCreada = QStringLiteral("interaccion_creada");
inline const QString usuarioCreado = QStringLiteral("usuario_creado");
inline const QString usuarioActualizado = QStringLiteral("usuario_actualizado");
inline const QString notificacionCreada = QStringLiteral("notificacion_creada");
// Added: a ticket passed its vence_en while neither resuelto nor cerrado (once per due time;
// announced by tickets-worker). Staff only.
inline const QString ticketVencido = QStringLiteral("ticket_vencido");
// Added: the first message on /ws/eventos, once the server delivers to this client. Events
// before it must be caught up (GET /eventos?since=); events after it arrive live. seq is 0.
inline const QString conectado = QStringLiteral("conectado");
// Added: a staff member's presence on a ticket changed (Presencia below). No seq.
inline const QString presencia = QStringLiteral("presencia");
} // namespace evento

// What a staff client says on /ws/eventos about a ticket, and the states others see.
namespace presencia {
inline const QString viendo = QStringLiteral("viendo");
inline const QString escribiendo = QStringLiteral("escribiendo");
inline const QString fuera = QStringLiteral("fuera");
inline constexpr int kMaxMessageBytes = 1024; // a client's message, at most
// How "active" a state is: fuera 0, viendo 1, escribiendo 2; -1 for anything else.
int rank(const QString &estado);
} // namespace presencia

using Fields = QList<QPair<QString, QJsonValue>>;

// A JSON object with its keys in the given order, spaced like Python's json.dumps.
QByteArray orderedJson(const Fields &fields);

struct Task
{
    QString tipo;
    QUuid ticketId;
    QString timestamp;

    QByteArray toJson() const;
    static std::optional<Task> fromJson(const QByteArray &payload); // nothing when malformed
};

struct Event
{
    QString evento;
    Fields fields; // after "evento", before "timestamp"
    QString timestamp;
    qint64 seq = 0;

    QByteArray toJson() const;
    // toJson() up to its seq, for the database to finish with the id it assigns:
    // toJsonBeforeSeq() + QByteArray::number(seq) + "}" == toJson().
    QByteArray toJsonBeforeSeq() const;
    static std::optional<Event> fromJson(const QByteArray &payload);
    QJsonValue field(const QString &name) const;

    static Event ticketCreado(const QUuid &ticketId);
    // `campos` (added): the fields that changed; a state change names ["estado"].
    static Event ticketActualizado(const QUuid &ticketId, const QString &estado,
                                   const QList<CampoTicket> &campos = {CampoTicket::Estado});
    static Event ticketVencido(const QUuid &ticketId);
    static Event interaccionCreada(const QUuid &ticketId, qint64 interaccionId, const QString &tipo);
    static Event usuarioCreado(const QUuid &usuarioId);
    static Event usuarioActualizado(const QUuid &usuarioId);
    static Event notificacionCreada(qint64 notificacionId, const QUuid &usuarioId, const QUuid &ticketId);
    static Event conectado();
};

// A client's presence message on /ws/eventos: {"accion": "viendo", "ticket_id": "…"}.
struct AccionPresencia
{
    QString accion; // presencia::viendo, escribiendo or fuera
    QUuid ticketId;

    QByteArray toJson() const;
    // Nothing unless it is exactly such an object: a known accion, a valid non-nil UUID, at most
    // presencia::kMaxMessageBytes.
    static std::optional<AccionPresencia> fromJson(const QByteArray &payload);
};

// The presence event every staff client receives, keys in this order and without seq:
//   {"evento": "presencia", "ticket_id": "…", "usuario_id": "…", "nombre": "…",
//    "estado": "viendo|escribiendo|fuera", "timestamp": "…"}
struct Presencia
{
    QUuid ticketId;
    QUuid usuarioId;
    QString nombre;
    QString estado;
    QString timestamp;

    QByteArray toJson() const;
    static std::optional<Presencia> fromJson(const QByteArray &payload); // nothing unless a presencia event
    static Presencia now(const QUuid &ticketId, const QUuid &usuarioId, const QString &nombre, const QString &estado);
};

Task ticketCreadoTask(const QUuid &ticketId);

} // namespace tickets::events
