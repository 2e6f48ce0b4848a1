#include "core/TimelineModel.h"

#include "core/Labels.h"
#include "core/LiveEvents.h"
#include "core/UsuarioDirectory.h"

namespace tickets::client {

TimelineModel::TimelineModel(ApiClient &api, LiveEvents *live, const UsuarioDirectory *directory, QObject *parent)
    : QAbstractListModel(parent), m_api(api), m_directory(directory)
{
    if (live)
        connect(live, &LiveEvents::eventReceived, this, &TimelineModel::applyEvent);
}

void TimelineModel::applyEvent(const events::Event &event)
{
    if (m_ticketId.isNull() ||
        (event.evento != events::evento::ticketActualizado && event.evento != events::evento::interaccionCreada))
        return;
    if (QUuid::fromString(event.field(QStringLiteral("ticket_id")).toString()) == m_ticketId)
        reload();
}

void TimelineModel::setTicket(const QUuid &ticketId)
{
    m_ticketId = ticketId;
    beginResetModel();
    m_rows.clear();
    endResetModel();
    reload();
}

void TimelineModel::reload()
{
    const quint64 generation = ++m_generation;
    if (m_ticketId.isNull())
        return;
    m_api.interacciones(m_ticketId, this, [this, generation](Result<protocol::Page<Interaccion>> result) {
        if (generation != m_generation)
            return;
        if (!result.ok()) {
            Q_EMIT loadFailed(result.error);
            return;
        }
        beginResetModel();
        m_rows = result.value->items;
        endResetModel();
        Q_EMIT loaded();
    });
}

void TimelineModel::prepend(const Interaccion &interaccion)
{
    for (const Interaccion &existing : std::as_const(m_rows)) {
        if (existing.id == interaccion.id)
            return;
    }
    beginInsertRows({}, 0, 0);
    m_rows.prepend(interaccion);
    endInsertRows();
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Interaccion &item = m_rows.at(index.row());
    const QString autor = m_directory ? m_directory->nameOf(item.usuarioId) : idText(item.usuarioId).left(8);
    const QString fecha = fechaCorta(item.fechaCreacion);
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1 · %2 · %3\n%4").arg(tipoLabel(item.tipo), autor, fecha, item.contenido);
    case Qt::ToolTipRole:
        if (!item.registradoPor.isNull() && m_directory)
            return tr("Registrado por %1").arg(m_directory->nameOf(item.registradoPor));
        return {};
    case TipoRole: return static_cast<int>(item.tipo);
    case AutorRole: return autor;
    case FechaRole: return fecha;
    case ContenidoRole: return item.contenido;
    case InternaRole: return item.tipo == TipoInteraccion::NotaInterna;
    default: return {};
    }
}

} // namespace tickets::client
