#pragma once
// One ticket beside the list: its fields and description, one-click state changes, the
// timeline of interactions (newest first) and a box to add a comment or, for staff, an
// internal note. What it offers follows the signed-in person's Capabilities.

#include "core/ApiClient.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;
class QToolButton;

namespace tickets::client {

class Capabilities;
class LiveEvents;
class TimelineModel;
class UsuarioDirectory;

class TicketDetailView : public QWidget
{
    Q_OBJECT
public:
    TicketDetailView(ApiClient &api, LiveEvents *live, UsuarioDirectory &directory, const Capabilities &capabilities,
                     QWidget *parent = nullptr);

    void showTicket(const std::optional<Ticket> &ticket);
    const std::optional<Ticket> &ticket() const { return m_ticket; }
    void changeEstado(Estado estado);
    void send();
    void refresh();                          // the ticket and its timeline again
    void updateTicket(const Ticket &ticket); // a newer copy, when it is the one shown
    TimelineModel *timeline() const { return m_timeline; }

Q_SIGNALS:
    void ticketChanged(const tickets::Ticket &ticket);
    void problem(const QString &message);

private:
    void render();
    void followCapabilities(); // the kinds of entry offered, the state buttons

    ApiClient &m_api;
    UsuarioDirectory &m_directory;
    const Capabilities &m_capabilities;
    std::optional<Ticket> m_ticket;
    TimelineModel *m_timeline;
    QLabel *m_titulo;
    QLabel *m_estado;
    QLabel *m_meta;
    QTextBrowser *m_descripcion;
    QList<QToolButton *> m_estadoButtons;
    QListView *m_timelineView;
    QPlainTextEdit *m_compose;
    QComboBox *m_tipo;
    QPushButton *m_send;
};

} // namespace tickets::client
