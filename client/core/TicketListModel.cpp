#include "core/TicketListModel.h"

#include "core/Labels.h"
#include "core/LiveEvents.h"
#include "core/UsuarioDirectory.h"

namespace tickets::client {

TicketListModel::TicketListModel(ApiClient &api, LiveEvents *live, const UsuarioDirectory *directory, QObject *parent)
    : QAbstractTableModel(parent), m_api(api), m_directory(directory)
{
    if (live)
        connect(live, &LiveEvents::eventReceived, this, &TicketListModel::applyEvent);
    if (m_directory) {
        connect(m_directory, &UsuarioDirectory::changed, this, [this] {
            if (!m_rows.isEmpty())
                Q_EMIT dataChanged(index(0, Solicitante), index(rowCount() - 1, Solicitante));
        });
    }
}

void TicketListModel::setQuery(const TicketQuery &query)
{
    m_query = query;
    reload();
}

void TicketListModel::reload()
{
    // The rows shown stay until the first page of the new answer replaces them: no flicker,
    // and nothing goes blank if the server does not answer.
    ++m_generation;
    m_loading = false;
    loadPage(0);
}

void TicketListModel::clear()
{
    ++m_generation;
    ++m_clears;
    m_loading = false;
    m_reloading = false;
    m_loadedOnce = false;
    m_liveDuringReload.clear();
    m_nextCursor.clear();
    if (!m_rows.isEmpty()) {
        beginRemoveRows({}, 0, static_cast<int>(m_rows.size()) - 1);
        m_rows.clear();
        endRemoveRows();
    }
    if (m_total != 0) {
        m_total = 0;
        Q_EMIT totalChanged(m_total);
    }
}

std::optional<Ticket> TicketListModel::ticketAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return std::nullopt;
    return m_rows.at(row);
}

int TicketListModel::rowOf(const QUuid &id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == id)
            return row;
    }
    return -1;
}

int TicketListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TicketListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TicketListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Ticket &ticket = m_rows.at(index.row());
    switch (role) {
    case IdRole: return ticket.id;
    case EstadoRole: return static_cast<int>(ticket.estado);
    case PrioridadRole: return static_cast<int>(ticket.prioridad);
    case Qt::ToolTipRole:
        if (index.column() == Titulo)
            return ticket.descripcion.left(500);
        break;
    case SortRole:
        switch (index.column()) {
        case Estado_: return static_cast<int>(ticket.estado);
        case Prioridad_: return static_cast<int>(ticket.prioridad);
        case Creado: return ticket.fechaCreacion.toMSecsSinceEpoch();
        case Actualizado: return ticket.fechaActualizacion.toMSecsSinceEpoch();
        default: break;
        }
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (index.column()) {
        case Titulo: return ticket.titulo;
        case Estado_: return estadoLabel(ticket.estado);
        case Prioridad_: return prioridadLabel(ticket.prioridad);
        case Solicitante: return m_directory ? m_directory->nameOf(ticket.usuarioId) : idText(ticket.usuarioId).left(8);
        case Creado: return fechaCorta(ticket.fechaCreacion);
        case Actualizado: return fechaCorta(ticket.fechaActualizacion);
        default: break;
        }
        break;
    default: break;
    }
    return {};
}

QVariant TicketListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Titulo: return tr("Título");
    case Estado_: return tr("Estado");
    case Prioridad_: return tr("Prioridad");
    case Solicitante: return tr("Solicitante");
    case Creado: return tr("Creado");
    case Actualizado: return tr("Actualizado");
    default: return {};
    }
}

bool TicketListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_loading && hasUnloadedRows();
}

void TicketListModel::fetchMore(const QModelIndex &parent)
{
    // Views ask canFetchMore first; other callers (QAbstractItemModelTester) may not.
    if (!canFetchMore(parent))
        return;
    loadPage(m_rows.size());
}

void TicketListModel::loadPage(qint64 skip)
{
    m_loading = true;
    if (skip == 0) {
        m_reloading = true;
        m_liveDuringReload.clear();
    }
    const quint64 generation = m_generation;
    const QByteArray cursor = skip == 0 ? QByteArray() : m_nextCursor;
    m_api.tickets(
        m_query, skip, m_pageSize, this,
        [this, generation, skip](Result<protocol::Page<Ticket>> result) {
            if (generation != m_generation)
                return; // the filters changed meanwhile
            const QList<QPair<Ticket, bool>> liveMeanwhile =
                skip == 0 ? std::exchange(m_liveDuringReload, {}) : QList<QPair<Ticket, bool>>();
            if (skip == 0)
                m_reloading = false;
            if (!result.ok()) {
                m_loading = false;
                Q_EMIT loadFailed(result.error);
                return;
            }
            m_loadedOnce = true;
            m_nextCursor = result.value->nextCursor;
            if (skip == 0) {
                beginResetModel();
                m_rows.clear();
                endResetModel();
            }
            QList<Ticket> fresh;
            for (const Ticket &ticket : std::as_const(result.value->items)) {
                if (rowOf(ticket.id) < 0) // a live insert may already have it
                    fresh.append(ticket);
            }
            if (!fresh.isEmpty()) {
                beginInsertRows({}, static_cast<int>(m_rows.size()),
                                static_cast<int>(m_rows.size() + fresh.size() - 1));
                m_rows.append(fresh);
                endInsertRows();
            }
            if (m_total != result.value->total) {
                m_total = qMax<qint64>(result.value->total, m_rows.size());
                Q_EMIT totalChanged(m_total);
            }
            // Loading until the rows are in place: a fetchMore from a handler of the signals above
            // would otherwise ask for the wrong page.
            m_loading = false;
            // What arrived live during a reload is newer than (or as new as) its answer.
            for (const auto &[ticket, isNew] : liveMeanwhile)
                upsert(ticket, isNew);
            Q_EMIT pageLoaded(static_cast<int>(m_rows.size()));
        },
        cursor);
}

bool TicketListModel::matches(const Ticket &ticket) const
{
    if (m_query.estado && ticket.estado != *m_query.estado)
        return false;
    if (m_query.prioridad && ticket.prioridad != *m_query.prioridad)
        return false;
    if (!m_query.texto.trimmed().isEmpty()) {
        // The server's search ignores case and accents; this check is a close approximation.
        const auto fold = [](QString text) {
            text = text.normalized(QString::NormalizationForm_D);
            text.removeIf([](QChar c) { return c.category() == QChar::Mark_NonSpacing; });
            return text.toCaseFolded();
        };
        const QString needle = fold(m_query.texto.trimmed());
        return fold(ticket.titulo).contains(needle) || fold(ticket.descripcion).contains(needle);
    }
    return true;
}

void TicketListModel::upsert(const Ticket &ticket, bool isNew)
{
    if (m_reloading)
        m_liveDuringReload.append({ticket, isNew});
    const int row = rowOf(ticket.id);
    if (row >= 0) {
        if (!matches(ticket)) {
            // The total moves with the rows, so a handler of the signals never sees it stale.
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            --m_total;
            endRemoveRows();
            Q_EMIT totalChanged(m_total);
            return;
        }
        m_rows[row] = ticket;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    if (!matches(ticket))
        return;
    // Newest first, as the server lists them: a new ticket goes on top; a changed one that now
    // matches goes where its creation date puts it among the loaded rows.
    int at = 0;
    if (!isNew) {
        while (at < m_rows.size() && m_rows.at(at).fechaCreacion > ticket.fechaCreacion)
            ++at;
        if (at == m_rows.size() && hasUnloadedRows())
            return; // it belongs to a page not loaded yet
    }
    beginInsertRows({}, at, at);
    m_rows.insert(at, ticket);
    ++m_total;
    endInsertRows();
    Q_EMIT totalChanged(m_total);
}

void TicketListModel::ticketCreated(const QUuid &id)
{
    fetchAndUpsert(id, true);
}

void TicketListModel::ticketChanged(const QUuid &id)
{
    fetchAndUpsert(id, false);
}

void TicketListModel::fetchAndUpsert(const QUuid &id, bool isNew)
{
    m_api.ticket(id, this, [this, isNew, clears = m_clears](Result<Ticket> result) {
        if (!result.ok() || clears != m_clears)
            return;
        upsert(*result.value, isNew);
        Q_EMIT ticketFetched(*result.value);
    });
}

void TicketListModel::applyEvent(const events::Event &event)
{
    const QUuid ticketId = QUuid::fromString(event.field(QStringLiteral("ticket_id")).toString());
    if (ticketId.isNull())
        return;
    if (event.evento == events::evento::ticketCreado)
        ticketCreated(ticketId);
    else if (event.evento == events::evento::ticketActualizado || event.evento == events::evento::interaccionCreada)
        ticketChanged(ticketId);
}

} // namespace tickets::client
