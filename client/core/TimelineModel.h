#pragma once
// The interactions of one ticket, newest first, as a timeline: comments, state changes and
// internal notes (marked as internal). Reloads by itself when a live event says the ticket
// changed or got an interaction.

#include "core/ApiClient.h"

#include <QAbstractListModel>

namespace tickets::client {

class LiveEvents;
class UsuarioDirectory;

class TimelineModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { TipoRole = Qt::UserRole + 1, AutorRole, FechaRole, ContenidoRole, InternaRole };

    TimelineModel(ApiClient &api, LiveEvents *live = nullptr, const UsuarioDirectory *directory = nullptr,
                  QObject *parent = nullptr);

    void setTicket(const QUuid &ticketId); // null: empty
    QUuid ticketId() const { return m_ticketId; }
    void reload();
    // Shows an interaction the client itself just created, before the reload confirms it.
    void prepend(const Interaccion &interaccion);
    void applyEvent(const events::Event &event); // what `live` delivers

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loaded();
    void loadFailed(const tickets::client::ApiError &error);

private:
    ApiClient &m_api;
    const UsuarioDirectory *m_directory;
    QUuid m_ticketId;
    QList<Interaccion> m_rows;
    quint64 m_generation = 0;
};

} // namespace tickets::client
