#pragma once
// The window support staff keep open all day. It only wires the parts together: the session,
// the live feed, the models and the views; each of those does one job. The models follow the
// live feed themselves, and what the person may do comes from the session's Capabilities.

#include "core/ApiClient.h"
#include "core/LiveEvents.h"
#include "ui/LoginDialog.h"

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QSortFilterProxyModel;
class QSplitter;
class QSystemTrayIcon;
class QTabWidget;
class QTableView;

namespace tickets::client {

class ConnectionBanner;
class DraftStore;
class FilterBar;
class HealthMonitor;
class HealthPanel;
class NotificationInbox;
class Session;
class TicketDetailView;
class TicketListModel;
class TicketSummary;
class UsuarioDirectory;
class UsuariosView;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const QUrl &serverUrl, QWidget *parent = nullptr);
    ~MainWindow() override;

    void start(); // logs in silently with a kept token, or asks

    // Actions (also on menus and shortcuts).
    void openNewTicket();
    void refresh();
    void selectRelative(int delta); // next (+1) or previous (-1) ticket
    void changeEstado(Estado estado);
    void logout(); // asks first when drafts would otherwise wait (keep, discard or stay)

    // For tests and the screenshot tool.
    Session &session() { return *m_session; }
    LiveEvents &live() { return *m_live; }
    TicketListModel *ticketModel() const { return m_tickets; }
    QTableView *ticketTable() const { return m_table; }
    FilterBar *filterBar() const { return m_filters; }
    TicketDetailView *detail() const { return m_detail; }
    ConnectionBanner *banner() const { return m_banner; }
    LoginDialog *loginDialog() const { return m_login; }
    UsuariosView *usuariosView() const { return m_usuarios; }
    HealthPanel *healthPanel() const { return m_healthPanel; }
    QTabWidget *tabs() const { return m_tabs; }
    QLabel *liveStatus() const { return m_liveStatus; }
    QLabel *notificationBadge() const { return m_badge; }
    NotificationInbox &inbox() { return *m_inbox; }
    DraftStore &drafts() { return *m_drafts; }

Q_SIGNALS:
    void ready(); // logged in and the first page of tickets is shown

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void showLogin(const QString &reason);
    void onLoggedIn(const Usuario &usuario);
    void followCapabilities(); // the tabs a role may use
    void onLiveState(LiveEvents::State state);
    void onTicketSelected();
    void keepShownTicket(const QModelIndex &parent, int first, int last); // the table loses its row
    void followShownTicket(bool listComplete); // whether the list holds it, and its row selected
    void endSession(bool discardDrafts);
    void clearUserViews(); // nothing of the previous user stays on screen
    void showCounts(const TicketResumen &resumen);
    void saveLayout() const;
    void restoreLayout();

    ApiClient m_api;
    Session *m_session;
    LiveEvents *m_live;
    UsuarioDirectory *m_directory;
    NotificationInbox *m_inbox;
    DraftStore *m_drafts;
    HealthMonitor *m_health;
    TicketListModel *m_tickets;
    TicketSummary *m_summary;
    QSortFilterProxyModel *m_sorted;
    ConnectionBanner *m_banner;
    FilterBar *m_filters;
    QTableView *m_table;
    TicketDetailView *m_detail;
    QSplitter *m_splitter;
    QWidget *m_ticketsPage = nullptr; // the Tickets tab: filter bar over the list and the detail
    QTabWidget *m_tabs;
    UsuariosView *m_usuarios;
    HealthPanel *m_healthPanel;
    QLabel *m_liveStatus;
    QLabel *m_counts;
    QLabel *m_badge;
    QLabel *m_who;
    QPointer<LoginDialog> m_login;
    QSystemTrayIcon *m_tray = nullptr;
    bool m_readyEmitted = false;
};

} // namespace tickets::client
