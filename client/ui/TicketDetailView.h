#pragma once
// One ticket beside the list: its fields and description, one-click state changes, the
// timeline of interactions (newest first) and a box to add a comment or, for staff, an
// internal note. What it offers follows the signed-in person's Capabilities. The box holds
// the shown ticket's own draft (DraftStore): text typed for one ticket is never sent to another.

#include "core/ApiClient.h"

#include <QSet>
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
class DraftStore;
class LiveEvents;
class TimelineModel;
class UsuarioDirectory;

class TicketDetailView : public QWidget
{
    Q_OBJECT
public:
    TicketDetailView(ApiClient &api, LiveEvents *live, UsuarioDirectory &directory, const Capabilities &capabilities,
                     DraftStore &drafts, QWidget *parent = nullptr);

    void showTicket(const std::optional<Ticket> &ticket);
    const std::optional<Ticket> &ticket() const { return m_ticket; }
    void changeEstado(Estado estado);
    void send();
    void refresh();                          // the ticket and its timeline again
    void updateTicket(const Ticket &ticket); // a newer copy, when it is the one shown
    // Whether the ticket list still holds the shown ticket; when it does not, the ticket stays
    // open with a note saying so.
    void setListed(bool listed);
    TimelineModel *timeline() const { return m_timeline; }

Q_SIGNALS:
    void ticketChanged(const tickets::Ticket &ticket);
    void problem(const QString &message);

private:
    void render();
    void followCapabilities(); // the kinds of entry offered, the state buttons
    void loadDraft();          // the shown ticket's draft into the box
    void saveDraft();          // the box into the shown ticket's draft
    void selectTipo(TipoInteraccion tipo);
    void followTipo(); // an internal note looks like one: colours, warning, button text
    void changeEvent(QEvent *event) override;

    ApiClient &m_api;
    UsuarioDirectory &m_directory;
    const Capabilities &m_capabilities;
    DraftStore &m_drafts;
    std::optional<Ticket> m_ticket;
    QSet<QUuid> m_sending; // tickets with a comment on its way
    bool m_loadingDraft = false;
    TimelineModel *m_timeline;
    QLabel *m_titulo;
    QLabel *m_estado;
    QLabel *m_meta;
    QLabel *m_notListed;
    QTextBrowser *m_descripcion;
    QList<QToolButton *> m_estadoButtons;
    QListView *m_timelineView;
    QPlainTextEdit *m_compose;
    QComboBox *m_tipo;
    QLabel *m_notaAviso;
    QPushButton *m_send;
};

} // namespace tickets::client
