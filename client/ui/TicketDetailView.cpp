#include "ui/TicketDetailView.h"

#include "core/Capabilities.h"
#include "core/DraftStore.h"
#include "core/Labels.h"
#include "core/TimelineModel.h"
#include "core/UsuarioDirectory.h"
#include "ui/Badges.h"
#include "ui/Palette.h"
#include "ui/TimelineDelegate.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace tickets::client {

TicketDetailView::TicketDetailView(ApiClient &api, LiveEvents *live, UsuarioDirectory &directory,
                                   const Capabilities &capabilities, DraftStore &drafts, QWidget *parent)
    : QWidget(parent), m_api(api), m_directory(directory), m_capabilities(capabilities), m_drafts(drafts),
      m_timeline(new TimelineModel(api, live, &directory, this)), m_titulo(new QLabel(this)),
      m_estado(new QLabel(this)), m_meta(new QLabel(this)), m_notListed(new QLabel(this)),
      m_descripcion(new QTextBrowser(this)), m_timelineView(new QListView(this)), m_compose(new QPlainTextEdit(this)),
      m_tipo(new QComboBox(this)), m_notaAviso(new QLabel(this)), m_send(new QPushButton(tr("Enviar"), this))
{
    setObjectName(QStringLiteral("ticketDetail"));
    m_titulo->setObjectName(QStringLiteral("detailTitulo"));
    QFont big = m_titulo->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_titulo->setFont(big);
    m_titulo->setWordWrap(true);
    m_titulo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_estado->setObjectName(QStringLiteral("detailEstado"));
    m_estado->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_meta->setObjectName(QStringLiteral("detailMeta"));
    m_meta->setWordWrap(true);
    m_notListed->setObjectName(QStringLiteral("detailNotListed"));
    m_notListed->setText(tr("Este ticket ya no está en la lista filtrada"));
    m_notListed->setWordWrap(true); // a note never widens the window past a small screen
    m_notListed->setStyleSheet(palette::textStyle(palette::muted));
    m_notListed->hide();
    m_descripcion->setObjectName(QStringLiteral("detailDescripcion"));
    m_descripcion->setMaximumHeight(140);

    auto *states = new QHBoxLayout;
    states->addWidget(new QLabel(tr("Cambiar estado:"), this));
    for (const Estado estado : enumValues<Estado>()) {
        auto *button = new QToolButton(this);
        button->setObjectName(QStringLiteral("cambiar-") + wireName(estado));
        button->setText(estadoLabel(estado));
        button->setToolTip(tr("Ctrl+%1").arg(static_cast<int>(estado) + 1));
        connect(button, &QToolButton::clicked, this, [this, estado] { changeEstado(estado); });
        m_estadoButtons.append(button);
        states->addWidget(button);
    }
    states->addStretch();

    m_timelineView->setObjectName(QStringLiteral("timeline"));
    m_timelineView->setModel(m_timeline);
    m_timelineView->setItemDelegate(new TimelineDelegate(m_timelineView));
    m_timelineView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_timelineView->setResizeMode(QListView::Adjust);
    m_timelineView->setSelectionMode(QAbstractItemView::NoSelection);

    m_compose->setObjectName(QStringLiteral("compose"));
    m_compose->setPlaceholderText(tr("Escriba un comentario…"));
    m_compose->setMaximumHeight(90);
    m_compose->setTabChangesFocus(true); // Tab leaves the box, as in every other field
    connect(m_compose, &QPlainTextEdit::textChanged, this, &TicketDetailView::saveDraft);
    for (const QKeySequence &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)})
        connect(new QShortcut(keys, m_compose, nullptr, nullptr, Qt::WidgetShortcut), &QShortcut::activated, this,
                &TicketDetailView::send);
    m_tipo->setObjectName(QStringLiteral("composeTipo"));
    m_tipo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_tipo, &QComboBox::currentIndexChanged, this, [this] {
        followTipo();
        saveDraft();
    });
    m_notaAviso->setObjectName(QStringLiteral("composeNotaAviso"));
    m_notaAviso->setText(tr("Nota interna: solo la ve el personal"));
    m_notaAviso->setWordWrap(true);
    QFont bold = m_notaAviso->font();
    bold.setBold(true);
    m_notaAviso->setFont(bold);
    m_notaAviso->hide();
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setToolTip(tr("Ctrl+Intro"));
    connect(m_send, &QPushButton::clicked, this, &TicketDetailView::send);

    // The note's warning has a line of its own, above the box it warns about: it never widens
    // the pane (and with it the window's minimum width).
    auto *composeRow = new QHBoxLayout;
    composeRow->addWidget(m_tipo);
    composeRow->addStretch();
    composeRow->addWidget(m_send);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_titulo);
    auto *header = new QHBoxLayout;
    header->addWidget(m_estado, 0, Qt::AlignTop);
    header->addWidget(m_meta, 1);
    layout->addLayout(header);
    layout->addWidget(m_notListed);
    layout->addWidget(m_descripcion);
    layout->addLayout(states);
    layout->addWidget(new QLabel(tr("Historial"), this));
    layout->addWidget(m_timelineView, 1);
    layout->addWidget(m_notaAviso);
    layout->addWidget(m_compose);
    layout->addLayout(composeRow);
    connect(&m_capabilities, &Capabilities::changed, this, &TicketDetailView::followCapabilities);
    followCapabilities();
}

void TicketDetailView::followCapabilities()
{
    {
        // Refilling the choice is not the person choosing: the draft keeps its type.
        const QSignalBlocker blocker(m_tipo);
        m_tipo->clear();
        m_tipo->addItem(tipoLabel(TipoInteraccion::Comentario), static_cast<int>(TipoInteraccion::Comentario));
        // Internal notes are for staff only (the same table the server enforces).
        if (m_capabilities.may(Permission::SeeInternalNotes))
            m_tipo->addItem(tipoLabel(TipoInteraccion::NotaInterna), static_cast<int>(TipoInteraccion::NotaInterna));
    }
    loadDraft();
    render();
}

void TicketDetailView::showTicket(const std::optional<Ticket> &ticket)
{
    const bool other = !ticket || !m_ticket || ticket->id != m_ticket->id;
    m_ticket = ticket;
    if (other) {
        m_timeline->setTicket(ticket ? ticket->id : QUuid());
        m_notListed->hide();
        loadDraft();
    }
    render();
}

void TicketDetailView::setListed(bool listed)
{
    m_notListed->setVisible(m_ticket && !listed);
}

void TicketDetailView::loadDraft()
{
    const DraftStore::Draft draft = m_ticket ? m_drafts.draft(m_ticket->id) : DraftStore::Draft{};
    m_loadingDraft = true;
    if (m_compose->toPlainText() != draft.text)
        m_compose->setPlainText(draft.text);
    selectTipo(draft.tipo);
    m_loadingDraft = false;
    followTipo();
}

void TicketDetailView::saveDraft()
{
    if (m_loadingDraft || !m_ticket)
        return;
    m_drafts.setDraft(m_ticket->id,
                      {m_compose->toPlainText(), static_cast<TipoInteraccion>(m_tipo->currentData().toInt())});
}

void TicketDetailView::selectTipo(TipoInteraccion tipo)
{
    const int at = m_tipo->findData(static_cast<int>(tipo));
    m_tipo->setCurrentIndex(at >= 0 ? at : 0);
}

void TicketDetailView::followTipo()
{
    const bool nota = static_cast<TipoInteraccion>(m_tipo->currentData().toInt()) == TipoInteraccion::NotaInterna;
    m_notaAviso->setVisible(nota);
    m_send->setText(nota ? tr("Guardar nota interna") : tr("Enviar"));
    m_compose->setPlaceholderText(nota ? tr("Escriba una nota interna…") : tr("Escriba un comentario…"));
    QPalette colours; // no role set: the box follows its parent's palette again
    if (nota) {
        const palette::ColorPair &pair = palette::noteCompose(palette());
        colours.setColor(QPalette::Base, pair.background);
        colours.setColor(QPalette::Text, pair.text);
    }
    m_compose->setPalette(colours);
}

void TicketDetailView::changeEvent(QEvent *event)
{
    // A switch between light and dark picks the note colours again.
    if (event->type() == QEvent::PaletteChange)
        followTipo();
    QWidget::changeEvent(event);
}

void TicketDetailView::render()
{
    const bool has = m_ticket.has_value();
    const bool mayChange = m_capabilities.may(Permission::ChangeEstado);
    const bool canChange = has && mayChange;
    for (int i = 0; i < m_estadoButtons.size(); ++i) {
        m_estadoButtons[i]->setVisible(mayChange);
        m_estadoButtons[i]->setEnabled(canChange && static_cast<int>(m_ticket->estado) != i);
    }
    m_compose->setEnabled(has);
    m_send->setEnabled(has && !m_sending.contains(m_ticket->id));
    m_tipo->setEnabled(has);
    if (!has) {
        m_titulo->setText(tr("Ningún ticket seleccionado"));
        m_estado->clear();
        m_meta->clear();
        m_descripcion->clear();
        return;
    }
    const Ticket &t = *m_ticket;
    m_titulo->setText(t.titulo);
    m_estado->setText(estadoLabel(t.estado));
    m_estado->setStyleSheet(
        QStringLiteral("QLabel { color: %1; background: %2; border-radius: 8px; padding: 2px 8px; }")
            .arg(palette::onBadge.name(), badgeColor(t.estado).name()));
    m_meta->setText(tr("Prioridad %1 · de %2 · creado %3 · actualizado %4")
                        .arg(prioridadLabel(t.prioridad), m_directory.nameOf(t.usuarioId), fechaCorta(t.fechaCreacion),
                             fechaCorta(t.fechaActualizacion)));
    m_descripcion->setPlainText(t.descripcion);
}

void TicketDetailView::changeEstado(Estado estado)
{
    if (!m_ticket || m_ticket->estado == estado || !m_capabilities.may(Permission::ChangeEstado))
        return;
    const QUuid id = m_ticket->id;
    m_api.changeEstado(id, estado, this, [this, id](Result<Estado> result) {
        if (!result.ok()) {
            Q_EMIT problem(result.error.message);
            return;
        }
        if (!m_ticket || m_ticket->id != id)
            return;
        // Visible at once: the new state and its cambio_estado entry.
        m_ticket->estado = *result.value;
        m_ticket->fechaActualizacion = QDateTime::currentDateTimeUtc();
        render();
        m_timeline->reload();
        Q_EMIT ticketChanged(*m_ticket);
    });
}

void TicketDetailView::send()
{
    if (!m_ticket || m_sending.contains(m_ticket->id))
        return;
    const QUuid ticketId = m_ticket->id;
    const DraftStore::Draft sent{m_compose->toPlainText(), static_cast<TipoInteraccion>(m_tipo->currentData().toInt())};
    const InteraccionCreate input{ticketId, QUuid(), sent.tipo, sent.text.trimmed()};
    FieldErrors problems;
    if (!input.validate(problems)) {
        Q_EMIT problem(tr("El texto no puede estar vacío"));
        return;
    }
    m_sending.insert(ticketId);
    render();
    // The answer belongs to the ticket it was sent for, whichever is shown by then.
    m_api.createInteraccion(input, this, [this, ticketId, sent](Result<Interaccion> result) {
        m_sending.remove(ticketId);
        const bool shown = m_ticket && m_ticket->id == ticketId;
        if (shown)
            render();
        if (!result.ok()) {
            Q_EMIT problem(result.error.message);
            return;
        }
        // Only what was sent is forgotten: text written meanwhile stays as the draft.
        if (m_drafts.draft(ticketId).text == sent.text) {
            m_drafts.remove(ticketId);
            if (shown)
                loadDraft();
        }
        if (shown)
            m_timeline->prepend(*result.value);
    });
}

void TicketDetailView::updateTicket(const Ticket &ticket)
{
    if (m_ticket && m_ticket->id == ticket.id) {
        m_ticket = ticket;
        render();
    }
}

void TicketDetailView::refresh()
{
    if (!m_ticket)
        return;
    m_api.ticket(m_ticket->id, this, [this](Result<Ticket> result) {
        if (result.ok())
            updateTicket(*result.value);
    });
    m_timeline->reload();
}

} // namespace tickets::client
