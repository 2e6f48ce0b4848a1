#pragma once
// A canned reply (respuesta predefinida): a text staff keep to paste into a comment, private to
// its author or shared with all staff, and the bodies that create or change one. Its
// placeholders ({{cliente}}, {{numero}}, {{agente}}) are plain text here: stored and returned as
// written; the desktop client fills them in when it uses the reply.

#include "validation/Converters.h"

#include <QDateTime>
#include <QJsonObject>
#include <QUuid>

#include <optional>

namespace tickets {

namespace rules {
inline constexpr validation::StringRule tituloRespuesta{1, 120};
inline constexpr validation::StringRule contenidoRespuesta{1, 20000};
} // namespace rules

struct Respuesta
{
    qint64 id = 0;
    QString titulo;
    QString contenido;
    bool compartida = false; // every staff member sees it, only its author (or an admin) changes it
    QUuid autorId;           // null when written in open mode without a token
    QDateTime fechaCreacion;
    QDateTime fechaActualizacion;

    QJsonObject toJson() const;
    static std::optional<Respuesta> fromJson(const QJsonObject &object);
};

// POST /respuestas: the author is the caller, never the body.
struct RespuestaCreate
{
    QString titulo;
    QString contenido;
    bool compartida = false;

    QJsonObject toJson() const;
    static std::optional<RespuestaCreate> fromJson(const QJsonObject &body, FieldErrors &errors);
    // The rules beyond types (titulo, contenido), on the typed values: the errors fromJson
    // would give for the same input. False after appending them.
    bool validate(FieldErrors &errors) const;
};

// PATCH /respuestas/{respuesta_id}: only the fields present change.
struct RespuestaUpdate
{
    std::optional<QString> titulo;
    std::optional<QString> contenido;
    std::optional<bool> compartida;

    bool isEmpty() const { return !titulo && !contenido && !compartida; }
    QJsonObject toJson() const;
    static std::optional<RespuestaUpdate> fromJson(const QJsonObject &body, FieldErrors &errors);
    // The same for the fields present.
    bool validate(FieldErrors &errors) const;
};

} // namespace tickets
