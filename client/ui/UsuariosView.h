#pragma once
// The users tab (staff read it, admins manage it): the list with an activo filter, and
// create, edit and deactivate. What it offers follows the signed-in person's Capabilities.

#include "core/ApiClient.h"

#include <QWidget>

class QComboBox;
class QPushButton;
class QTableView;

namespace tickets::client {

class Capabilities;
class LiveEvents;
class UsuarioListModel;

class UsuariosView : public QWidget
{
    Q_OBJECT
public:
    UsuariosView(ApiClient &api, LiveEvents *live, const Capabilities &capabilities, QWidget *parent = nullptr);

    UsuarioListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    void createUsuario();
    void editSelected();
    void deactivateSelected();

Q_SIGNALS:
    void problem(const QString &message);
    void usuarioSaved(const tickets::Usuario &usuario);

private:
    std::optional<Usuario> selected() const;
    void followCapabilities();                               // create, edit and deactivate for those who manage users
    void openDialog(const std::optional<Usuario> &existing); // none: a new user

    ApiClient &m_api;
    const Capabilities &m_capabilities;
    UsuarioListModel *m_model;
    QTableView *m_table;
    QComboBox *m_activo;
    QPushButton *m_new;
    QPushButton *m_edit;
    QPushButton *m_deactivate;
};

} // namespace tickets::client
