#pragma once
// "Nuevo ticket": checked with tickets_common's own rules before sending; the server's 422
// details land on the same fields.

#include "core/ApiClient.h"
#include "ui/FormErrors.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace tickets::client {

class UsuarioDirectory;

class NewTicketDialog : public QDialog
{
    Q_OBJECT
public:
    // `solicitantes`: when non-empty (staff), the ticket may be opened for one of them.
    NewTicketDialog(ApiClient &api, const Usuario &caller, const QList<Usuario> &solicitantes,
                    QWidget *parent = nullptr);

    void submit();
    FormErrors &errors() { return m_errors; }

Q_SIGNALS:
    void created(const tickets::Ticket &ticket);

private:
    ApiClient &m_api;
    Usuario m_caller;
    QLineEdit *m_titulo;
    QPlainTextEdit *m_descripcion;
    QComboBox *m_prioridad;
    QComboBox *m_solicitante = nullptr;
    QLabel *m_general;
    QPushButton *m_create;
    FormErrors m_errors;
};

} // namespace tickets::client
