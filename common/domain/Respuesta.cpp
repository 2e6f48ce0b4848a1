#include "domain/Respuesta.h"

#include "domain/Timestamp.h"
#include "validation/BodyReader.h"

namespace tickets {

using validation::BodyReader;
using validation::Presence;

namespace {
// The rules of a reply's fields beyond types, one per field, shared by the create and update
// bodies: fromJson applies each to the field it has just read (so errors keep the body's field
// order), validate() to the typed values.
bool checkTitulo(const QString &titulo, FieldErrors &errors)
{
    return validation::checkString(titulo, loc(QStringLiteral("body"), QStringLiteral("titulo")), errors,
                                   rules::tituloRespuesta);
}

bool checkContenido(const QString &contenido, FieldErrors &errors)
{
    return validation::checkString(contenido, loc(QStringLiteral("body"), QStringLiteral("contenido")), errors,
                                   rules::contenidoRespuesta);
}

QJsonValue uuidOrNull(const QUuid &id)
{
    return id.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(id.toString(QUuid::WithoutBraces));
}
} // namespace

QJsonObject Respuesta::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("titulo"), titulo},
            {QStringLiteral("contenido"), contenido},
            {QStringLiteral("compartida"), compartida},
            {QStringLiteral("autor_id"), uuidOrNull(autorId)},
            {QStringLiteral("fecha_creacion"), formatTimestamp(fechaCreacion)},
            {QStringLiteral("fecha_actualizacion"), formatTimestamp(fechaActualizacion)}};
}

std::optional<Respuesta> Respuesta::fromJson(const QJsonObject &object)
{
    const qint64 id = object.value(QStringLiteral("id")).toInteger();
    if (id <= 0)
        return std::nullopt;
    return Respuesta{id,
                     object.value(QStringLiteral("titulo")).toString(),
                     object.value(QStringLiteral("contenido")).toString(),
                     object.value(QStringLiteral("compartida")).toBool(),
                     QUuid::fromString(object.value(QStringLiteral("autor_id")).toString()),
                     parseTimestamp(object.value(QStringLiteral("fecha_creacion")).toString()),
                     parseTimestamp(object.value(QStringLiteral("fecha_actualizacion")).toString())};
}

QJsonObject RespuestaCreate::toJson() const
{
    return {{QStringLiteral("titulo"), titulo},
            {QStringLiteral("contenido"), contenido},
            {QStringLiteral("compartida"), compartida}};
}

std::optional<RespuestaCreate> RespuestaCreate::fromJson(const QJsonObject &body, FieldErrors &errors)
{
    BodyReader reader(body, errors);
    auto titulo = reader.string(QStringLiteral("titulo"), Presence::Required);
    if (titulo && !checkTitulo(*titulo, errors))
        titulo.reset();
    auto contenido = reader.string(QStringLiteral("contenido"), Presence::Required);
    if (contenido && !checkContenido(*contenido, errors))
        contenido.reset();
    const qsizetype before = errors.size();
    const auto compartida = reader.boolean(QStringLiteral("compartida"), Presence::Optional);
    if (!titulo || !contenido || errors.size() != before)
        return std::nullopt;
    return RespuestaCreate{*titulo, *contenido, compartida.value_or(false)};
}

bool RespuestaCreate::validate(FieldErrors &errors) const
{
    const bool tituloOk = checkTitulo(titulo, errors);
    const bool contenidoOk = checkContenido(contenido, errors);
    return tituloOk && contenidoOk;
}

QJsonObject RespuestaUpdate::toJson() const
{
    QJsonObject object;
    if (titulo)
        object.insert(QStringLiteral("titulo"), *titulo);
    if (contenido)
        object.insert(QStringLiteral("contenido"), *contenido);
    if (compartida)
        object.insert(QStringLiteral("compartida"), *compartida);
    return object;
}

std::optional<RespuestaUpdate> RespuestaUpdate::fromJson(const QJsonObject &body, FieldErrors &errors)
{
    BodyReader reader(body, errors);
    const qsizetype before = errors.size();
    RespuestaUpdate update;
    update.titulo = reader.string(QStringLiteral("titulo"), Presence::Optional);
    if (update.titulo && !checkTitulo(*update.titulo, errors))
        update.titulo.reset();
    update.contenido = reader.string(QStringLiteral("contenido"), Presence::Optional);
    if (update.contenido && !checkContenido(*update.contenido, errors))
        update.contenido.reset();
    update.compartida = reader.boolean(QStringLiteral("compartida"), Presence::Optional);
    if (errors.size() != before)
        return std::nullopt;
    return update;
}

bool RespuestaUpdate::validate(FieldErrors &errors) const
{
    const qsizetype before = errors.size();
    if (titulo)
        checkTitulo(*titulo, errors);
    if (contenido)
        checkContenido(*contenido, errors);
    return errors.size() == before;
}

} // namespace tickets
