#pragma once
// A strip above the content that says the server cannot be reached, with a retry button.
// Hidden while everything answers.

#include <QFrame>

class QLabel;
class QPushButton;

namespace tickets::client {

class ConnectionBanner : public QFrame
{
    Q_OBJECT
public:
    explicit ConnectionBanner(QWidget *parent = nullptr);

    void showProblem(const QString &message);
    QString message() const;

Q_SIGNALS:
    void retryRequested();

private:
    QLabel *m_label;
    QPushButton *m_retry;
};

} // namespace tickets::client
