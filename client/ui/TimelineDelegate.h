#pragma once
// Paints one timeline entry: a header (kind, author, date) over the text. Internal notes sit
// on a yellow card marked "Nota interna"; state changes are muted.

#include <QStyledItemDelegate>

namespace tickets::client {

class TimelineDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace tickets::client
