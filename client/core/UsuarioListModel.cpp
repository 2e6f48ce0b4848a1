#include "core/UsuarioListModel.h"

#include "core/Capabilities.h"
#include "core/Labels.h"
#include "core/LiveEvents.h"

namespace tickets::client {

UsuarioListModel::UsuarioListModel(ApiClient &api, LiveEvents *live, const Capabilities *capabilities, QObject *parent)
    : QAbstractTableModel(parent), m_api(api), m_capabilities(capabilities)
{
    if (live)
        connect(live, &LiveEvents::eventReceived, this, &UsuarioListModel::applyEvent);
}

void UsuarioListModel::applyEvent(const events::Event &event)
{
    if (event.evento == events::evento::usuarioCreado || event.evento == events::evento::usuarioActualizado)
        reload();
}

void UsuarioListModel::setActivoFilter(std::optional<bool> activo)
{
    m_activo = activo;
    reload();
}

void UsuarioListModel::reload()
{
    if (m_capabilities && !m_capabilities->may(Permission::ReadUsers))
        return;
    const quint64 generation = ++m_generation;
    m_api.usuarios(m_activo, 0, 1000, this, [this, generation](Result<protocol::Page<Usuario>> result) {
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

void UsuarioListModel::clear()
{
    ++m_generation;
    if (m_rows.isEmpty())
        return;
    beginRemoveRows({}, 0, static_cast<int>(m_rows.size()) - 1);
    m_rows.clear();
    endRemoveRows();
}

std::optional<Usuario> UsuarioListModel::usuarioAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return std::nullopt;
    return m_rows.at(row);
}

int UsuarioListModel::rowOf(const QUuid &id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == id)
            return row;
    }
    return -1;
}

void UsuarioListModel::upsert(const Usuario &usuario)
{
    const int row = rowOf(usuario.id);
    const bool shown = !m_activo || *m_activo == usuario.activo;
    if (row >= 0 && !shown) {
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    } else if (row >= 0) {
        m_rows[row] = usuario;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    } else if (shown) {
        beginInsertRows({}, 0, 0);
        m_rows.prepend(usuario);
        endInsertRows();
    }
}

int UsuarioListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int UsuarioListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UsuarioListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Usuario &usuario = m_rows.at(index.row());
    if (role == IdRole)
        return usuario.id;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Nombre: return usuario.nombre;
    case Email: return usuario.email;
    case Rol_: return rolLabel(usuario.rol);
    case Activo: return usuario.activo ? tr("Sí") : tr("No");
    case Creado: return fechaCorta(usuario.fechaCreacion);
    default: return {};
    }
}

QVariant UsuarioListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Nombre: return tr("Nombre");
    case Email: return tr("Email");
    case Rol_: return tr("Rol");
    case Activo: return tr("Activo");
    case Creado: return tr("Alta");
    default: return {};
    }
}

} // namespace tickets::client
