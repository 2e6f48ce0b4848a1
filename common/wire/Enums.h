#pragma once
// The domain's enumerations and their exact Spanish wire values (the API contract).

#include <QString>
#include <QStringList>
#include <QStringView>

#include <array>
#include <optional>

namespace tickets {

enum class Rol { Usuario, Admin, Soporte };
enum class Estado { Abierto, EnProceso, Resuelto, Cerrado };
enum class Prioridad { Baja, Media, Alta, Critica };
enum class TipoInteraccion { Comentario, CambioEstado, NotaInterna };
// GET /tickets?orden=: newest first by default; every order is total (ties broken by id).
enum class OrdenTickets {
    CreacionDesc,
    Creacion,
    ActualizacionDesc,
    Actualizacion,
    PrioridadDesc, // critica first
    Prioridad,
    VenceEn, // soonest first, tickets without a due time last
};
// A field of a ticket whose changes the history records (GET /tickets/{id}/historial, and the
// `campos` of ticket_actualizado).
enum class CampoTicket { Estado, Prioridad, AsignadoA, Titulo, Descripcion };

template <typename E> struct EnumNames;
template <> struct EnumNames<Rol>
{
    static constexpr std::array<const char *, 3> values{"usuario", "admin", "soporte"};
};
template <> struct EnumNames<Estado>
{
    static constexpr std::array<const char *, 4> values{"abierto", "en_proceso", "resuelto", "cerrado"};
};
template <> struct EnumNames<Prioridad>
{
    static constexpr std::array<const char *, 4> values{"baja", "media", "alta", "critica"};
};
template <> struct EnumNames<TipoInteraccion>
{
    static constexpr std::array<const char *, 3> values{"comentario", "cambio_estado", "nota_interna"};
};
template <> struct EnumNames<OrdenTickets>
{
    static constexpr std::array<const char *, 7> values{
        "-fecha_creacion", "fecha_creacion", "-fecha_actualizacion", "fecha_actualizacion", "-prioridad",
        "prioridad",       "vence_en"};
};
template <> struct EnumNames<CampoTicket>
{
    static constexpr std::array<const char *, 5> values{"estado", "prioridad", "asignado_a", "titulo", "descripcion"};
};

template <typename E> QString wireName(E value)
{
    return QString::fromLatin1(EnumNames<E>::values[static_cast<std::size_t>(value)]);
}

template <typename E> std::optional<E> enumFromString(QStringView text)
{
    const auto &names = EnumNames<E>::values;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (text == QLatin1String(names[i]))
            return static_cast<E>(i);
    }
    return std::nullopt;
}

template <typename E> constexpr std::array<E, EnumNames<E>::values.size()> enumValues()
{
    std::array<E, EnumNames<E>::values.size()> all{};
    for (std::size_t i = 0; i < all.size(); ++i)
        all[i] = static_cast<E>(i);
    return all;
}

template <typename E> QStringList enumStrings()
{
    QStringList list;
    for (const char *name : EnumNames<E>::values)
        list << QString::fromLatin1(name);
    return list;
}

// Pydantic's wording of the accepted values: "'a', 'b' or 'c'".
template <typename E> QString enumExpectation()
{
    const QStringList names = enumStrings<E>();
    QString text;
    for (qsizetype i = 0; i < names.size(); ++i) {
        if (i > 0)
            text += (i == names.size() - 1) ? QStringLiteral(" or ") : QStringLiteral(", ");
        text += u'\'' + names[i] + u'\'';
    }
    return text;
}

} // namespace tickets
