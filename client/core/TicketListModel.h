#pragma once
// The ticket list: GET /tickets page by page as the view scrolls (canFetchMore/fetchMore), with
// the server-side filters, kept current by live events it subscribes to itself (a new ticket
// appears on top, a changed one is reloaded in place) without the user asking.

#include "core/ApiClient.h"

#include <QAbstractTableModel>
#include <QHash>

namespace tickets::client {

class LiveEvents;
class UsuarioDirectory;

class TicketListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Titulo, Estado_, Prioridad_, Solicitante, Creado, Actualizado, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, EstadoRole, PrioridadRole, SortRole };

    // Without `live` the rows stay as loaded; without `directory` requesters show as short ids.
    TicketListModel(ApiClient &api, LiveEvents *live = nullptr, const UsuarioDirectory *directory = nullptr,
                    QObject *parent = nullptr);

    void setQuery(const TicketQuery &query); // reloads from the first page
    const TicketQuery &query() const { return m_query; }
    void reload();
    // No rows and nothing loading (the session ended): answers still on their way are dropped.
    void clear();
    void setPageSize(int rows) { m_pageSize = rows; }

    qint64 total() const { return m_total; }
    bool isLoading() const { return m_loading; }
    std::optional<Ticket> ticketAt(int row) const;
    int rowOf(const QUuid &id) const;

    // Live updates: fetch the ticket and insert, replace or drop its row.
    void ticketCreated(const QUuid &id);
    void ticketChanged(const QUuid &id);
    void applyEvent(const events::Event &event); // what `live` delivers

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void loadFailed(const tickets::client::ApiError &error);
    void pageLoaded(int rows); // rows now loaded
    // A ticket fetched after a live event, shown or not (the open detail follows it).
    void ticketFetched(const tickets::Ticket &ticket);
    void totalChanged(qint64 total);

private:
    void loadPage(qint64 skip); // skip 0 replaces the rows
    bool matches(const Ticket &ticket) const;
    bool hasUnloadedRows() const { return !m_loadedOnce || m_rows.size() < m_total; }
    void upsert(const Ticket &ticket, bool isNew);
    void fetchAndUpsert(const QUuid &id, bool isNew);

    ApiClient &m_api;
    const UsuarioDirectory *m_directory;
    TicketQuery m_query;
    QList<Ticket> m_rows;
    qint64 m_total = 0;
    QByteArray m_nextCursor; // where the next page starts, when the server says (else skip)
    bool m_loading = false;
    bool m_loadedOnce = false;
    int m_pageSize = 100;
    quint64 m_generation = 0; // answers to an older query are dropped
    quint64 m_clears = 0;     // live fetches from before a clear() are dropped
    // Live changes seen while a reload is in flight: its answer may predate them.
    QList<QPair<Ticket, bool>> m_liveDuringReload;
    bool m_reloading = false;
};

} // namespace tickets::client
