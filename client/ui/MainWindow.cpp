#include "ui/MainWindow.h"

#include "core/DesktopSettings.h"
#include "core/DraftStore.h"
#include "core/HealthMonitor.h"
#include "core/Labels.h"
#include "core/NotificationInbox.h"
#include "core/Session.h"
#include "core/TicketListModel.h"
#include "core/TicketSummary.h"
#include "core/TimelineModel.h"
#include "core/UsuarioDirectory.h"
#include "core/UsuarioListModel.h"
#include "ui/Badges.h"
#include "ui/ConnectionBanner.h"
#include "ui/FilterBar.h"
#include "ui/HealthPanel.h"
#include "ui/LoginDialog.h"
#include "ui/NewTicketDialog.h"
#include "ui/Palette.h"
#include "ui/SettingsDialog.h"
#include "ui/TicketDetailView.h"
#include "ui/UsuariosView.h"

#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace tickets::client {

MainWindow::MainWindow(const QUrl &serverUrl, QWidget *parent)
    : QMainWindow(parent), m_session(new Session(m_api, this)), m_live(new LiveEvents(m_api, this)),
      m_directory(new UsuarioDirectory(m_api, m_live, &m_session->capabilities(), this)),
      m_inbox(new NotificationInbox(m_api, m_live, this)), m_drafts(new DraftStore(this)),
      m_health(new HealthMonitor(m_api, this)), m_tickets(new TicketListModel(m_api, m_live, m_directory, this)),
      m_summary(new TicketSummary(m_api, m_live, this)), m_sorted(new QSortFilterProxyModel(this)),
      m_banner(new ConnectionBanner(this)), m_filters(new FilterBar(this)), m_table(new QTableView(this)),
      m_detail(new TicketDetailView(m_api, m_live, *m_directory, m_session->capabilities(), *m_drafts, this)),
      m_splitter(new QSplitter(this)), m_tabs(new QTabWidget(this)),
      m_usuarios(new UsuariosView(m_api, m_live, m_session->capabilities(), this)),
      m_healthPanel(new HealthPanel(*m_health, this)), m_liveStatus(new QLabel(this)), m_counts(new QLabel(this)),
      m_badge(new QLabel(this)), m_who(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Soporte"));
    m_api.setBaseUrl(serverUrl);

    // The ticket list: sortable (on the rows loaded so far), pages fetched as it scrolls.
    m_sorted->setSourceModel(m_tickets);
    m_sorted->setSortRole(TicketListModel::SortRole);
    m_table->setObjectName(QStringLiteral("ticketTable"));
    // Before setModel, so this runs ahead of the view's own handler, which would move the
    // current row to a neighbour.
    connect(m_sorted, &QAbstractItemModel::rowsAboutToBeRemoved, this, &MainWindow::keepShownTicket);
    m_table->setModel(m_sorted);
    m_table->setTabKeyNavigation(false); // Tab moves on to the detail, not from cell to cell
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // the server's order until asked
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSectionResizeMode(TicketListModel::Titulo, QHeaderView::Stretch);
    const int em = m_table->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    m_table->setColumnWidth(TicketListModel::Estado_, 9 * em);
    m_table->setColumnWidth(TicketListModel::Prioridad_, 7 * em);
    m_table->setColumnWidth(TicketListModel::Solicitante, 11 * em);
    m_table->setColumnWidth(TicketListModel::Creado, 13 * em);
    m_table->setColumnWidth(TicketListModel::Actualizado, 13 * em);
    m_table->setItemDelegateForColumn(
        TicketListModel::Estado_, new BadgeDelegate(BadgeDelegate::Kind::Estado, TicketListModel::EstadoRole, this));
    m_table->setItemDelegateForColumn(
        TicketListModel::Prioridad_,
        new BadgeDelegate(BadgeDelegate::Kind::Prioridad, TicketListModel::PrioridadRole, this));

    // The filter bar spans the page above the list and the detail: beside the detail it set
    // the window's minimum width to both side by side (about 1,310 px, wider than a laptop).
    m_splitter->setObjectName(QStringLiteral("splitter"));
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_ticketsPage = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(m_ticketsPage);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addWidget(m_filters);
    pageLayout->addWidget(m_splitter, 1);

    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->addTab(m_ticketsPage, tr("Tickets"));
    m_tabs->addTab(m_usuarios, tr("Usuarios"));
    m_tabs->addTab(m_healthPanel, tr("Salud"));
    followCapabilities();

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_banner);
    layout->addWidget(m_tabs);
    setCentralWidget(central);

    m_liveStatus->setObjectName(QStringLiteral("liveStatus"));
    m_counts->setObjectName(QStringLiteral("counts"));
    m_badge->setObjectName(QStringLiteral("notificationBadge"));
    m_who->setObjectName(QStringLiteral("who"));
    statusBar()->addPermanentWidget(m_counts);
    statusBar()->addPermanentWidget(m_badge);
    statusBar()->addPermanentWidget(m_liveStatus);
    statusBar()->addPermanentWidget(m_who);
    onLiveState(LiveEvents::State::Stopped);

    buildMenus();

    connect(&m_api, &ApiClient::reachabilityChanged, this, [this](bool reachable, const QString &problem) {
        if (reachable)
            m_banner->hide();
        else
            m_banner->showProblem(problem);
    });
    connect(m_banner, &ConnectionBanner::retryRequested, this, &MainWindow::refresh);
    connect(m_filters, &FilterBar::queryChanged, m_tickets, &TicketListModel::setQuery);
    connect(m_tickets, &TicketListModel::loadFailed, this, [this](const ApiError &error) {
        if (error.kind != ApiError::Kind::Network && error.kind != ApiError::Kind::Unauthorized)
            statusBar()->showMessage(error.message, 8000);
    });
    connect(m_tickets, &TicketListModel::pageLoaded, this, [this] {
        if (!m_readyEmitted && m_session->usuario()) {
            m_readyEmitted = true;
            if (!m_table->currentIndex().isValid() && m_sorted->rowCount() > 0)
                m_table->selectRow(0);
            Q_EMIT ready();
        }
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::onTicketSelected);
    connect(m_tickets, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &, int first, int last) {
                const auto &shown = m_detail->ticket();
                const int row = shown ? m_tickets->rowOf(shown->id) : -1;
                if (row >= first && row <= last)
                    m_detail->setListed(false);
            });
    connect(m_tickets, &QAbstractItemModel::rowsInserted, this, [this] { followShownTicket(false); });
    connect(m_tickets, &TicketListModel::pageLoaded, this, [this] { followShownTicket(!m_tickets->canFetchMore({})); });
    connect(m_tickets, &TicketListModel::ticketFetched, m_detail, &TicketDetailView::updateTicket);
    connect(m_detail, &TicketDetailView::ticketChanged, this, [this](const Ticket &ticket) {
        m_tickets->ticketChanged(ticket.id);
        m_summary->reloadSoon();
    });
    connect(m_detail, &TicketDetailView::problem, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(m_usuarios, &UsuariosView::problem, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(m_usuarios, &UsuariosView::usuarioSaved, m_directory, &UsuarioDirectory::add);

    connect(m_live, &LiveEvents::stateChanged, this, &MainWindow::onLiveState);
    connect(m_live, &LiveEvents::resyncNeeded, this, &MainWindow::refresh);
    connect(m_summary, &TicketSummary::changed, this, &MainWindow::showCounts);
    connect(&m_session->capabilities(), &Capabilities::changed, this, &MainWindow::followCapabilities);

    connect(m_inbox, &NotificationInbox::unreadChanged, this, [this](int unread) {
        m_badge->setText(unread > 0 ? tr("Notificaciones: %1").arg(unread) : QString());
        m_badge->setToolTip(tr("%n notificaciones sin leer", nullptr, unread));
    });
    connect(m_inbox, &NotificationInbox::arrived, this, [this](const Notificacion &notificacion) {
        statusBar()->showMessage(notificacion.mensaje, 10000);
        if (m_tray)
            m_tray->showMessage(tr("Soporte"), notificacion.mensaje);
    });
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->show();
    }

    connect(m_session, &Session::loggedIn, this, &MainWindow::onLoggedIn);
    connect(m_session, &Session::needsLogin, this, &MainWindow::showLogin);
    connect(m_session, &Session::loginFailed, this, [this](const QString &message) {
        if (m_login) {
            m_login->setBusy(false);
            m_login->setMessage(message);
        }
    });
    restoreLayout();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&Archivo"));
    QAction *newTicket = file->addAction(tr("&Nuevo ticket…"), this, &MainWindow::openNewTicket);
    newTicket->setObjectName(QStringLiteral("actionNewTicket"));
    newTicket->setShortcut(QKeySequence::New);
    QAction *refreshAction = file->addAction(tr("&Actualizar"), this, &MainWindow::refresh);
    refreshAction->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    file->addAction(tr("A&justes…"), this, [this] {
        auto *dialog = new SettingsDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    file->addAction(tr("&Cerrar sesión"), this, &MainWindow::logout);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Salir"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&Ver"));
    QAction *search = view->addAction(tr("&Buscar"), this, [this] {
        m_tabs->setCurrentWidget(m_ticketsPage);
        m_filters->searchBox()->setFocus();
        m_filters->searchBox()->selectAll();
    });
    search->setShortcut(QKeySequence::Find);
    QAction *next = view->addAction(tr("Ticket &siguiente"), this, [this] { selectRelative(1); });
    next->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Down));
    QAction *previous = view->addAction(tr("Ticket &anterior"), this, [this] { selectRelative(-1); });
    previous->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Up));

    QMenu *ticket = menuBar()->addMenu(tr("&Ticket"));
    for (const Estado estado : enumValues<Estado>()) {
        QAction *action = ticket->addAction(tr("Pasar a «%1»").arg(estadoLabel(estado)), this,
                                            [this, estado] { changeEstado(estado); });
        action->setObjectName(QStringLiteral("actionEstado-") + wireName(estado));
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + static_cast<int>(estado))));
    }

    QMenu *help = menuBar()->addMenu(tr("A&yuda"));
    help->addAction(tr("&Acerca de Soporte"), this, [this] {
        QMessageBox::about(this, tr("Acerca de Soporte"),
                           tr("<b>Soporte</b> %1<br>Cliente de escritorio del sistema de tickets.<br>Servidor: %2")
                               .arg(QApplication::applicationVersion(), m_api.baseUrl().toString()));
    });
}

void MainWindow::start()
{
    m_session->resume();
}

void MainWindow::showLogin(const QString &reason)
{
    m_live->stop();
    m_health->stop();
    if (!m_login) {
        m_login = new LoginDialog(m_api.baseUrl().toString(), DesktopSettings().lastEmail(), this);
        m_login->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_login, &LoginDialog::loginRequested, this,
                [this](const QString &server, const QString &email, const QString &password) {
                    const QUrl url = QUrl::fromUserInput(server);
                    if (url != m_api.baseUrl()) {
                        m_api.setBaseUrl(url);
                        DesktopSettings().setServerUrl(url);
                    }
                    m_login->setBusy(true);
                    m_session->login(email, password);
                });
        connect(m_login, &QDialog::rejected, this, [this] {
            if (!m_session->usuario())
                close();
        });
    }
    m_login->setMessage(reason);
    m_login->open();
}

void MainWindow::onLoggedIn(const Usuario &usuario)
{
    if (m_login) {
        m_login->accept();
        m_login = nullptr;
    }
    // Someone else after an expired session: nothing of the previous user stays.
    if (m_drafts->usuario() != usuario.id)
        clearUserViews();
    m_drafts->setUsuario(usuario.id);
    m_who->setText(QStringLiteral("%1 · %2").arg(usuario.nombre, rolLabel(usuario.rol)));
    // The directory and the users list ask only when the role may read users.
    m_directory->add(usuario);
    m_directory->load();
    m_usuarios->model()->reload();
    if (m_session->capabilities().may(Permission::SeeHealthDetails))
        m_health->start();
    m_inbox->setUsuario(usuario.id);
    m_readyEmitted = false;
    m_tickets->setQuery(m_filters->query());
    m_summary->reload();
    m_live->start();
}

void MainWindow::followCapabilities()
{
    const Capabilities &capabilities = m_session->capabilities();
    m_tabs->setTabVisible(m_tabs->indexOf(m_usuarios), capabilities.may(Permission::ReadUsers));
    m_tabs->setTabVisible(m_tabs->indexOf(m_healthPanel), capabilities.may(Permission::SeeHealthDetails));
}

void MainWindow::refresh()
{
    if (!m_session->usuario()) {
        m_session->resume();
        return;
    }
    m_tickets->reload();
    m_detail->refresh();
    m_summary->reload();
    m_usuarios->model()->reload();
    if (m_live->state() == LiveEvents::State::Disconnected)
        m_live->start();
}

void MainWindow::showCounts(const TicketResumen &resumen)
{
    m_filters->setCounts(resumen);
    QStringList parts;
    for (const Estado estado : enumValues<Estado>())
        parts << QStringLiteral("%1: %2").arg(estadoLabel(estado)).arg(resumen.porEstado.value(estado));
    m_counts->setText(parts.join(QStringLiteral(" · ")));
}

void MainWindow::onLiveState(LiveEvents::State state)
{
    QString text;
    QColor color = palette::unknown;
    switch (state) {
    case LiveEvents::State::Live:
        text = tr("● En vivo");
        color = palette::good;
        break;
    case LiveEvents::State::Connecting:
        text = tr("● Conectando…");
        color = palette::warning;
        break;
    case LiveEvents::State::Disconnected:
        text = tr("● Sin conexión en vivo (reintentando)");
        color = palette::danger;
        // Is it the server or just the feed? A plain request answers, and the banner follows.
        m_api.health(this, [](Result<HealthStatus>) {});
        break;
    case LiveEvents::State::Stopped: text = tr("● Desconectado"); break;
    }
    m_liveStatus->setText(text);
    m_liveStatus->setProperty("state", static_cast<int>(state));
    m_liveStatus->setStyleSheet(palette::textStyle(color));
}

void MainWindow::onTicketSelected()
{
    // Only a row someone picks opens a ticket: a selection lost with its row keeps the detail.
    const QModelIndex current = m_sorted->mapToSource(m_table->currentIndex());
    if (const std::optional<Ticket> ticket = m_tickets->ticketAt(current.row()))
        m_detail->showTicket(ticket);
}

void MainWindow::keepShownTicket(const QModelIndex &parent, int first, int last)
{
    const int row = m_table->currentIndex().row();
    if (parent.isValid() || row < first || row > last)
        return;
    // Qt would make a neighbour current, and the detail would open a ticket nobody chose.
    m_table->selectionModel()->clear();
}

void MainWindow::followShownTicket(bool listComplete)
{
    const std::optional<Ticket> &shown = m_detail->ticket();
    if (!shown)
        return;
    const int row = m_tickets->rowOf(shown->id);
    if (row < 0) {
        if (listComplete)
            m_detail->setListed(false);
        return;
    }
    m_detail->setListed(true);
    // Back in the list, or the list reloaded: its own row is selected again, never another.
    if (!m_table->currentIndex().isValid())
        m_table->selectRow(m_sorted->mapFromSource(m_tickets->index(row, 0)).row());
}

void MainWindow::selectRelative(int delta)
{
    const int rows = m_sorted->rowCount();
    if (rows == 0)
        return;
    const int current = m_table->currentIndex().isValid() ? m_table->currentIndex().row() : -1;
    const int target = qBound(0, current + delta, rows - 1);
    m_table->selectRow(target);
    m_table->scrollTo(m_sorted->index(target, 0));
}

void MainWindow::changeEstado(Estado estado)
{
    m_detail->changeEstado(estado);
}

void MainWindow::openNewTicket()
{
    const auto &usuario = m_session->usuario();
    if (!usuario)
        return;
    QList<Usuario> solicitantes;
    if (m_session->capabilities().may(Permission::ActOnBehalf))
        solicitantes = m_directory->all();
    auto *dialog = new NewTicketDialog(m_api, *usuario, solicitantes, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewTicketDialog::created, this, [this](const Ticket &ticket) {
        m_tickets->ticketCreated(ticket.id); // at once; the live event is then a no-op
        statusBar()->showMessage(tr("Ticket «%1» creado").arg(ticket.titulo), 5000);
    });
    dialog->open();
}

void MainWindow::logout()
{
    const int drafts = m_drafts->withText();
    if (drafts == 0) {
        endSession(false);
        return;
    }
    // Kept drafts are this user's alone (DraftStore), so keeping is the safe default.
    auto *box = new QMessageBox(QMessageBox::Question, tr("Cerrar sesión"), tr("Borradores sin enviar: %1").arg(drafts),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("draftsPrompt"));
    box->setInformativeText(tr("Si los conserva, volverán a aparecer cuando inicie sesión con esta cuenta."));
    QPushButton *keep = box->addButton(tr("Conservar borradores"), QMessageBox::AcceptRole);
    keep->setObjectName(QStringLiteral("keepDrafts"));
    QPushButton *discard = box->addButton(tr("Descartar borradores"), QMessageBox::DestructiveRole);
    discard->setObjectName(QStringLiteral("discardDrafts"));
    box->addButton(QMessageBox::Cancel)->setObjectName(QStringLiteral("cancelLogout"));
    box->setDefaultButton(keep);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, keep, discard] {
        if (box->clickedButton() == keep || box->clickedButton() == discard)
            endSession(box->clickedButton() == discard);
    });
    box->open();
}

void MainWindow::endSession(bool discardDrafts)
{
    m_session->logout();
    m_live->stop();
    m_health->stop();
    if (discardDrafts)
        m_drafts->removeAll();
    clearUserViews();
    showLogin(QString());
}

void MainWindow::clearUserViews()
{
    m_detail->showTicket(std::nullopt);
    m_drafts->setUsuario({});
    m_tickets->clear();
    m_summary->clear();
    m_usuarios->model()->clear();
    m_directory->clear();
    m_filters->reset();
    m_counts->clear();
    m_inbox->setUsuario({});
    m_who->clear();
    m_readyEmitted = false;
}

void MainWindow::saveLayout() const
{
    DesktopSettings().setWindowState(
        {saveGeometry(), saveState(), m_splitter->saveState(), m_table->horizontalHeader()->saveState()});
}

void MainWindow::restoreLayout()
{
    const DesktopSettings::WindowState saved = DesktopSettings().windowState();
    if (!restoreGeometry(saved.geometry))
        resize(1280, 800);
    restoreState(saved.state);
    m_splitter->restoreState(saved.splitter);
    m_table->horizontalHeader()->restoreState(saved.ticketColumns);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    m_drafts->flush();
    m_live->stop();
    QMainWindow::closeEvent(event);
}

} // namespace tickets::client
