#pragma once
// Create or edit a user (admins): the same rules as the server (UsuarioCreate / UsuarioUpdate
// from tickets_common), errors on their fields.

#include "core/ApiClient.h"
#include "ui/FormErrors.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace tickets::client {

class UsuarioDialog : public QDialog
{
    Q_OBJECT
public:
    // No `existing`: a new user (with an optional password).
    UsuarioDialog(ApiClient &api, const std::optional<Usuario> &existing, QWidget *parent = nullptr);
    void submit();

Q_SIGNALS:
    void saved(const tickets::Usuario &usuario);

private:
    ApiClient &m_api;
    std::optional<Usuario> m_existing;
    QLineEdit *m_nombre;
    QLineEdit *m_email;
    QComboBox *m_rol;
    QLineEdit *m_password = nullptr;
    QCheckBox *m_activo = nullptr;
    QLabel *m_general;
    QPushButton *m_save;
    FormErrors m_errors;
};

} // namespace tickets::client
