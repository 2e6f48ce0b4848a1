#include "core/Labels.h"

#include <QCoreApplication>
#include <QLocale>

namespace tickets::client {

namespace {
// The translation context of every label ("Labels" in the .ts files).
struct Labels
{
    Q_DECLARE_TR_FUNCTIONS(Labels)
};
} // namespace

QString estadoLabel(Estado estado)
{
    switch (estado) {
    case Estado::Abierto: return Labels::tr("Abierto");
    case Estado::EnProceso: return Labels::tr("En proceso");
    case Estado::Resuelto: return Labels::tr("Resuelto");
    case Estado::Cerrado: return Labels::tr("Cerrado");
    }
    return {};
}

QString prioridadLabel(Prioridad prioridad)
{
    switch (prioridad) {
    case Prioridad::Baja: return Labels::tr("Baja");
    case Prioridad::Media: return Labels::tr("Media");
    case Prioridad::Alta: return Labels::tr("Alta");
    case Prioridad::Critica: return Labels::tr("Crítica");
    }
    return {};
}

QString tipoLabel(TipoInteraccion tipo)
{
    switch (tipo) {
    case TipoInteraccion::Comentario: return Labels::tr("Comentario");
    case TipoInteraccion::CambioEstado: return Labels::tr("Cambio de estado");
    case TipoInteraccion::NotaInterna: return Labels::tr("Nota interna");
    }
    return {};
}

QString rolLabel(Rol rol)
{
    switch (rol) {
    case Rol::Usuario: return Labels::tr("Usuario");
    case Rol::Soporte: return Labels::tr("Soporte");
    case Rol::Admin: return Labels::tr("Administrador");
    }
    return {};
}

QString fechaCorta(const QDateTime &utc)
{
    return QLocale().toString(utc.toLocalTime(), QStringLiteral("dd/MM/yyyy HH:mm"));
}

} // namespace tickets::client
