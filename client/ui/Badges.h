#pragma once
// Colours of the estado and prioridad badges, and the delegate that paints them as pills in
// the ticket table.

#include "wire/Enums.h"

#include <QColor>
#include <QStyledItemDelegate>

namespace tickets::client {

QColor badgeColor(Estado estado);
QColor badgeColor(Prioridad prioridad);

class BadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    enum class Kind { Estado, Prioridad };
    BadgeDelegate(Kind kind, int valueRole, QObject *parent = nullptr)
        : QStyledItemDelegate(parent), m_kind(kind), m_valueRole(valueRole)
    {}

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    Kind m_kind;
    int m_valueRole;
};

} // namespace tickets::client
