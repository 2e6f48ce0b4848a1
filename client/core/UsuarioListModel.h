#pragma once
// The users view's table: GET /usuarios with the activo filter, reloaded by itself on usuario_*
// events. It asks only when the signed-in role may read users (Capabilities).

#include "core/ApiClient.h"

#include <QAbstractTableModel>

namespace tickets::client {

class Capabilities;
class LiveEvents;

class UsuarioListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Nombre, Email, Rol_, Activo, Creado, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1 };

    // Without `capabilities` it always asks; without `live` it reloads only when told.
    explicit UsuarioListModel(ApiClient &api, LiveEvents *live = nullptr, const Capabilities *capabilities = nullptr,
                              QObject *parent = nullptr);

    void setActivoFilter(std::optional<bool> activo);
    void reload(); // nothing when the role may not read users
    void clear();  // no rows (the session ended); an answer on its way is dropped
    std::optional<Usuario> usuarioAt(int row) const;
    int rowOf(const QUuid &id) const;
    void upsert(const Usuario &usuario);
    void applyEvent(const events::Event &event); // what `live` delivers

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loadFailed(const tickets::client::ApiError &error);
    void loaded();

private:
    ApiClient &m_api;
    const Capabilities *m_capabilities;
    std::optional<bool> m_activo;
    QList<Usuario> m_rows;
    quint64 m_generation = 0;
};

} // namespace tickets::client
