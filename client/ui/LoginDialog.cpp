#include "ui/LoginDialog.h"

#include "ui/Palette.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tickets::client {

LoginDialog::LoginDialog(const QString &serverUrl, const QString &email, QWidget *parent)
    : QDialog(parent), m_server(new QLineEdit(serverUrl, this)), m_email(new QLineEdit(email, this)),
      m_password(new QLineEdit(this)), m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("loginDialog"));
    setWindowTitle(tr("Iniciar sesión en Soporte"));
    m_server->setObjectName(QStringLiteral("server"));
    m_email->setObjectName(QStringLiteral("email"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_message->setObjectName(QStringLiteral("loginMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(palette::textStyle(palette::danger));
    auto *form = new QFormLayout;
    form->addRow(tr("Servidor"), m_server);
    form->addRow(tr("Email"), m_email);
    form->addRow(tr("Contraseña"), m_password);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_login = buttons->addButton(tr("Iniciar sesión"), QDialogButtonBox::AcceptRole);
    m_login->setObjectName(QStringLiteral("loginButton"));
    m_login->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        setMessage({});
        Q_EMIT loginRequested(this->serverUrl(), m_email->text().trimmed(), m_password->text());
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    (email.isEmpty() ? m_email : m_password)->setFocus();
    resize(420, sizeHint().height());
}

void LoginDialog::setMessage(const QString &message)
{
    m_message->setText(message);
}

void LoginDialog::setBusy(bool busy)
{
    m_login->setEnabled(!busy);
    if (!busy)
        m_password->selectAll();
}

QString LoginDialog::serverUrl() const
{
    return m_server->text().trimmed();
}

} // namespace tickets::client
