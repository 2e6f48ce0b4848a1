#include "ui/SettingsDialog.h"

#include "core/DesktopSettings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace tickets::client {

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent), m_server(new QLineEdit(DesktopSettings().serverUrl().toString(), this)),
      m_language(new QComboBox(this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Ajustes"));
    m_server->setObjectName(QStringLiteral("server"));
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("Idioma del sistema"), QString());
    m_language->addItem(QStringLiteral("Español"), QStringLiteral("es"));
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->setCurrentIndex(qMax(0, m_language->findData(DesktopSettings().language())));
    auto *form = new QFormLayout;
    form->addRow(tr("Servidor"), m_server);
    form->addRow(tr("Idioma"), m_language);
    auto *note =
        new QLabel(tr("Los cambios se aplican al volver a iniciar sesión o al reiniciar la aplicación."), this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        save();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

void SettingsDialog::save()
{
    DesktopSettings settings;
    settings.setServerUrl(QUrl::fromUserInput(m_server->text().trimmed()));
    settings.setLanguage(m_language->currentData().toString());
}

} // namespace tickets::client
