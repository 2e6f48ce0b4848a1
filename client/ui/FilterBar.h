#pragma once
// The ticket list's filters: one button per estado (with its count), a prioridad choice and a
// search box, debounced so typing sends one request, not one per key.

#include "core/ApiClient.h"

#include <QTimer>
#include <QWidget>

class QButtonGroup;
class QComboBox;
class QLineEdit;
class QToolButton;

namespace tickets::client {

class FilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit FilterBar(QWidget *parent = nullptr);

    TicketQuery query() const;
    void setCounts(const TicketResumen &resumen);
    // Back to every ticket, no counts (the session ended), without asking for anything.
    void reset();
    QLineEdit *searchBox() const { return m_search; }
    static constexpr int kDebounceMs = 300;

Q_SIGNALS:
    void queryChanged(const tickets::client::TicketQuery &query);

private:
    void emitSoon();

    QButtonGroup *m_estados;
    QList<QToolButton *> m_estadoButtons; // [0] is "all"
    QComboBox *m_prioridad;
    QLineEdit *m_search;
    QTimer m_debounce;
};

} // namespace tickets::client
