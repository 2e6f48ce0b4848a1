#include "ui/NewTicketDialog.h"

#include "core/Labels.h"
#include "ui/Palette.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tickets::client {

NewTicketDialog::NewTicketDialog(ApiClient &api, const Usuario &caller, const QList<Usuario> &solicitantes,
                                 QWidget *parent)
    : QDialog(parent), m_api(api), m_caller(caller), m_titulo(new QLineEdit(this)),
      m_descripcion(new QPlainTextEdit(this)), m_prioridad(new QComboBox(this)), m_general(new QLabel(this))
{
    setObjectName(QStringLiteral("newTicketDialog"));
    setWindowTitle(tr("Nuevo ticket"));
    m_titulo->setObjectName(QStringLiteral("titulo"));
    m_descripcion->setObjectName(QStringLiteral("descripcion"));
    m_prioridad->setObjectName(QStringLiteral("prioridad"));
    for (const Prioridad prioridad : enumValues<Prioridad>())
        m_prioridad->addItem(prioridadLabel(prioridad), static_cast<int>(prioridad));
    m_prioridad->setCurrentIndex(static_cast<int>(Prioridad::Media));

    auto *form = new QFormLayout;
    form->addRow(tr("Título"), m_titulo);
    form->addRow(QString(), m_errors.addField(QStringLiteral("titulo"), this));
    form->addRow(tr("Descripción"), m_descripcion);
    form->addRow(QString(), m_errors.addField(QStringLiteral("descripcion"), this));
    form->addRow(tr("Prioridad"), m_prioridad);
    form->addRow(QString(), m_errors.addField(QStringLiteral("prioridad"), this));
    if (!solicitantes.isEmpty()) {
        m_solicitante = new QComboBox(this);
        m_solicitante->setObjectName(QStringLiteral("solicitante"));
        m_solicitante->addItem(caller.nombre, caller.id);
        for (const Usuario &usuario : solicitantes) {
            if (usuario.id != caller.id && usuario.activo)
                m_solicitante->addItem(QStringLiteral("%1 <%2>").arg(usuario.nombre, usuario.email), usuario.id);
        }
        form->addRow(tr("Solicitante"), m_solicitante);
        form->addRow(QString(), m_errors.addField(QStringLiteral("usuario_id"), this));
    }
    m_general->setObjectName(QStringLiteral("generalError"));
    m_general->setStyleSheet(palette::textStyle(palette::danger));
    m_general->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_create = buttons->addButton(tr("Crear ticket"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(QStringLiteral("createButton"));
    m_create->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &NewTicketDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_general);
    layout->addWidget(buttons);
    resize(520, 420);
}

void NewTicketDialog::submit()
{
    m_general->clear();
    const TicketCreate input{m_solicitante ? m_solicitante->currentData().toUuid() : m_caller.id, m_titulo->text(),
                             m_descripcion->toPlainText(), static_cast<Prioridad>(m_prioridad->currentData().toInt())};
    // The server's own rules, before anything is sent.
    FieldErrors problems;
    if (!input.validate(problems)) {
        m_general->setText(m_errors.show(problems).join(QLatin1Char('\n')));
        return;
    }
    m_errors.clear();
    m_create->setEnabled(false);
    m_api.createTicket(input, this, [this](Result<Ticket> result) {
        m_create->setEnabled(true);
        if (!result.ok()) {
            const QStringList rest = m_errors.show(result.error.fields);
            m_general->setText(result.error.fields.isEmpty() ? result.error.message : rest.join(QLatin1Char('\n')));
            return;
        }
        Q_EMIT created(*result.value);
        accept();
    });
}

} // namespace tickets::client
