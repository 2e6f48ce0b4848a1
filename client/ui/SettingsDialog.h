#pragma once
// Settings: the server URL and the interface language (Spanish, English, or the system's).

#include <QDialog>

class QComboBox;
class QLineEdit;

namespace tickets::client {

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);
    void save();

private:
    QLineEdit *m_server;
    QComboBox *m_language;
};

} // namespace tickets::client
