#include "ui/UsuarioDialog.h"

#include "core/Labels.h"
#include "ui/Palette.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tickets::client {

UsuarioDialog::UsuarioDialog(ApiClient &api, const std::optional<Usuario> &existing, QWidget *parent)
    : QDialog(parent), m_api(api), m_existing(existing), m_nombre(new QLineEdit(this)), m_email(new QLineEdit(this)),
      m_rol(new QComboBox(this)), m_general(new QLabel(this))
{
    setObjectName(QStringLiteral("usuarioDialog"));
    setWindowTitle(existing ? tr("Editar usuario") : tr("Nuevo usuario"));
    m_nombre->setObjectName(QStringLiteral("nombre"));
    m_email->setObjectName(QStringLiteral("email"));
    m_rol->setObjectName(QStringLiteral("rol"));
    for (const Rol rol : enumValues<Rol>())
        m_rol->addItem(rolLabel(rol), static_cast<int>(rol));
    auto *form = new QFormLayout;
    form->addRow(tr("Nombre"), m_nombre);
    form->addRow(QString(), m_errors.addField(QStringLiteral("nombre"), this));
    form->addRow(tr("Email"), m_email);
    form->addRow(QString(), m_errors.addField(QStringLiteral("email"), this));
    form->addRow(tr("Rol"), m_rol);
    form->addRow(QString(), m_errors.addField(QStringLiteral("rol"), this));
    if (existing) {
        m_nombre->setText(existing->nombre);
        m_email->setText(existing->email);
        m_rol->setCurrentIndex(static_cast<int>(existing->rol));
        m_activo = new QCheckBox(tr("Activo"), this);
        m_activo->setObjectName(QStringLiteral("activo"));
        m_activo->setChecked(existing->activo);
        form->addRow(QString(), m_activo);
    } else {
        m_password = new QLineEdit(this);
        m_password->setObjectName(QStringLiteral("password"));
        m_password->setEchoMode(QLineEdit::Password);
        m_password->setPlaceholderText(tr("Opcional: sin contraseña no podrá iniciar sesión"));
        form->addRow(tr("Contraseña"), m_password);
        form->addRow(QString(), m_errors.addField(QStringLiteral("password"), this));
    }
    m_general->setStyleSheet(palette::textStyle(palette::danger));
    m_general->setObjectName(QStringLiteral("generalError"));
    m_general->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_save = buttons->addButton(tr("Guardar"), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("saveButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &UsuarioDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_general);
    layout->addWidget(buttons);
}

void UsuarioDialog::submit()
{
    m_general->clear();
    const QString nombre = m_nombre->text().trimmed();
    const QString email = m_email->text().trimmed();
    const auto rol = static_cast<Rol>(m_rol->currentData().toInt());
    FieldErrors problems;
    auto done = [this](Result<Usuario> result) {
        m_save->setEnabled(true);
        if (!result.ok()) {
            const QStringList rest = m_errors.show(result.error.fields);
            m_general->setText(result.error.fields.isEmpty() ? result.error.message : rest.join(QLatin1Char('\n')));
            return;
        }
        Q_EMIT saved(*result.value);
        accept();
    };
    // The server's own rules, before anything is sent.
    if (m_existing) {
        const UsuarioUpdate changes{email, nombre, rol, m_activo->isChecked()};
        if (!changes.validate(problems)) {
            m_general->setText(m_errors.show(problems).join(QLatin1Char('\n')));
            return;
        }
        m_errors.clear();
        m_save->setEnabled(false);
        m_api.updateUsuario(m_existing->id, changes, this, done);
        return;
    }
    const UsuarioCreate input{email, nombre, rol,
                              m_password->text().isEmpty() ? std::nullopt : std::optional<QString>(m_password->text())};
    if (!input.validate(problems)) {
        m_general->setText(m_errors.show(problems).join(QLatin1Char('\n')));
        return;
    }
    m_errors.clear();
    m_save->setEnabled(false);
    m_api.createUsuario(input, this, done);
}

} // namespace tickets::client
