#pragma once
// Who is working: the server, an email and a password. Errors (wrong password, too many tries,
// server unreachable) show in the dialog; it never blocks the event loop.

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace tickets::client {

class LoginDialog : public QDialog
{
    Q_OBJECT
public:
    LoginDialog(const QString &serverUrl, const QString &email, QWidget *parent = nullptr);

    void setMessage(const QString &message);
    void setBusy(bool busy);
    QString serverUrl() const;

Q_SIGNALS:
    void loginRequested(const QString &serverUrl, const QString &email, const QString &password);

private:
    QLineEdit *m_server;
    QLineEdit *m_email;
    QLineEdit *m_password;
    QLabel *m_message;
    QPushButton *m_login;
};

} // namespace tickets::client
