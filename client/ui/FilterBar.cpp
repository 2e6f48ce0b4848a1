#include "ui/FilterBar.h"

#include "core/Labels.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

namespace tickets::client {

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent), m_estados(new QButtonGroup(this)), m_prioridad(new QComboBox(this)),
      m_search(new QLineEdit(this)), m_debounce(this)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto addButton = [&](const QString &text, int id) {
        auto *button = new QToolButton(this);
        button->setText(text);
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setObjectName(id < 0 ? QStringLiteral("estado-todos")
                                     : QStringLiteral("estado-") + wireName(static_cast<Estado>(id)));
        m_estados->addButton(button, id);
        m_estadoButtons.append(button);
        layout->addWidget(button);
    };
    addButton(tr("Todos"), -1);
    for (const Estado estado : enumValues<Estado>())
        addButton(estadoLabel(estado), static_cast<int>(estado));
    m_estadoButtons.first()->setChecked(true);

    m_prioridad->setObjectName(QStringLiteral("prioridadFilter"));
    m_prioridad->addItem(tr("Cualquier prioridad"));
    for (const Prioridad prioridad : enumValues<Prioridad>())
        m_prioridad->addItem(prioridadLabel(prioridad), static_cast<int>(prioridad));
    layout->addStretch();
    layout->addWidget(m_prioridad);

    m_search->setObjectName(QStringLiteral("searchBox"));
    m_search->setPlaceholderText(tr("Buscar en título y descripción (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(240);
    layout->addWidget(m_search);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, [this] { Q_EMIT queryChanged(query()); });
    connect(m_estados, &QButtonGroup::idClicked, this, [this] { Q_EMIT queryChanged(query()); });
    connect(m_prioridad, &QComboBox::currentIndexChanged, this, [this] { Q_EMIT queryChanged(query()); });
    connect(m_search, &QLineEdit::textChanged, this, &FilterBar::emitSoon);
}

void FilterBar::emitSoon()
{
    m_debounce.start();
}

TicketQuery FilterBar::query() const
{
    TicketQuery query;
    if (const int id = m_estados->checkedId(); id >= 0)
        query.estado = static_cast<Estado>(id);
    if (m_prioridad->currentIndex() > 0)
        query.prioridad = static_cast<Prioridad>(m_prioridad->currentData().toInt());
    query.texto = m_search->text().trimmed();
    return query;
}

void FilterBar::reset()
{
    m_debounce.stop();
    const QSignalBlocker prioridad(m_prioridad);
    const QSignalBlocker search(m_search);
    m_estadoButtons.first()->setChecked(true);
    m_prioridad->setCurrentIndex(0);
    m_search->clear();
    m_estadoButtons.first()->setText(tr("Todos"));
    for (const Estado estado : enumValues<Estado>())
        m_estadoButtons.at(static_cast<int>(estado) + 1)->setText(estadoLabel(estado));
}

void FilterBar::setCounts(const TicketResumen &resumen)
{
    m_estadoButtons.first()->setText(tr("Todos (%1)").arg(resumen.total));
    for (const Estado estado : enumValues<Estado>())
        m_estadoButtons.at(static_cast<int>(estado) + 1)
            ->setText(QStringLiteral("%1 (%2)").arg(estadoLabel(estado)).arg(resumen.porEstado.value(estado)));
}

} // namespace tickets::client
