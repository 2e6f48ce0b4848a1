#include "ui/UsuariosView.h"

#include "core/Capabilities.h"
#include "core/UsuarioListModel.h"
#include "ui/UsuarioDialog.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace tickets::client {

UsuariosView::UsuariosView(ApiClient &api, LiveEvents *live, const Capabilities &capabilities, QWidget *parent)
    : QWidget(parent), m_api(api), m_capabilities(capabilities),
      m_model(new UsuarioListModel(api, live, &capabilities, this)), m_table(new QTableView(this)),
      m_activo(new QComboBox(this)), m_new(new QPushButton(tr("Nuevo usuario"), this)),
      m_edit(new QPushButton(tr("Editar"), this)), m_deactivate(new QPushButton(tr("Desactivar"), this))
{
    setObjectName(QStringLiteral("usuariosView"));
    m_table->setObjectName(QStringLiteral("usuariosTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_activo->setObjectName(QStringLiteral("activoFilter"));
    m_activo->addItem(tr("Todos"));
    m_activo->addItem(tr("Activos"), true);
    m_activo->addItem(tr("Inactivos"), false);
    m_new->setObjectName(QStringLiteral("newUsuario"));
    m_edit->setObjectName(QStringLiteral("editUsuario"));
    m_deactivate->setObjectName(QStringLiteral("deactivateUsuario"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_activo);
    bar->addStretch();
    bar->addWidget(m_new);
    bar->addWidget(m_edit);
    bar->addWidget(m_deactivate);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_table);

    connect(m_activo, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_model->setActivoFilter(index == 0 ? std::nullopt : std::optional<bool>(index == 1));
    });
    connect(m_new, &QPushButton::clicked, this, &UsuariosView::createUsuario);
    connect(m_edit, &QPushButton::clicked, this, &UsuariosView::editSelected);
    connect(m_deactivate, &QPushButton::clicked, this, &UsuariosView::deactivateSelected);
    connect(m_table, &QTableView::doubleClicked, this, &UsuariosView::editSelected);
    connect(m_model, &UsuarioListModel::loadFailed, this,
            [this](const ApiError &error) { Q_EMIT problem(error.message); });
    connect(&m_capabilities, &Capabilities::changed, this, &UsuariosView::followCapabilities);
    followCapabilities();
}

void UsuariosView::followCapabilities()
{
    const bool canManage = m_capabilities.may(Permission::ManageUsers);
    m_new->setVisible(canManage);
    m_edit->setVisible(canManage);
    m_deactivate->setVisible(canManage);
}

std::optional<Usuario> UsuariosView::selected() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? std::nullopt : m_model->usuarioAt(rows.first().row());
}

void UsuariosView::createUsuario()
{
    openDialog(std::nullopt);
}

void UsuariosView::editSelected()
{
    const auto usuario = selected();
    if (usuario && m_capabilities.may(Permission::ManageUsers))
        openDialog(usuario);
}

void UsuariosView::openDialog(const std::optional<Usuario> &existing)
{
    auto *dialog = new UsuarioDialog(m_api, existing, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &UsuarioDialog::saved, this, [this](const Usuario &saved) {
        m_model->upsert(saved);
        Q_EMIT usuarioSaved(saved);
    });
    dialog->open();
}

void UsuariosView::deactivateSelected()
{
    const auto usuario = selected();
    if (!usuario)
        return;
    m_api.deactivateUsuario(usuario->id, this, [this](Result<Usuario> result) {
        if (!result.ok()) {
            Q_EMIT problem(result.error.message);
            return;
        }
        m_model->upsert(*result.value);
        Q_EMIT usuarioSaved(*result.value);
    });
}

} // namespace tickets::client
