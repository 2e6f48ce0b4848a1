#include "ui/Badges.h"

#include "ui/Palette.h"

#include <QApplication>
#include <QPainter>

namespace tickets::client {

QColor badgeColor(Estado estado)
{
    switch (estado) {
    case Estado::Abierto: return palette::info;
    case Estado::EnProceso: return palette::warning;
    case Estado::Resuelto: return palette::good;
    case Estado::Cerrado: return palette::muted;
    }
    return palette::unknown;
}

QColor badgeColor(Prioridad prioridad)
{
    switch (prioridad) {
    case Prioridad::Baja: return palette::muted;
    case Prioridad::Media: return palette::info;
    case Prioridad::Alta: return palette::warning;
    case Prioridad::Critica: return palette::danger;
    }
    return palette::unknown;
}

void BadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem plain = option;
    initStyleOption(&plain, index);
    const QString text = plain.text;
    plain.text.clear();
    // The row background (selection, alternation) as usual, then the pill on top.
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &plain, painter, plain.widget);

    const int value = index.data(m_valueRole).toInt();
    const QColor color =
        m_kind == Kind::Estado ? badgeColor(static_cast<Estado>(value)) : badgeColor(static_cast<Prioridad>(value));
    const QFontMetrics metrics(option.font);
    const int width = metrics.horizontalAdvance(text) + 16;
    const int height = metrics.height() + 4;
    const QRect pill(option.rect.left() + 4, option.rect.center().y() - height / 2 + 1, width, height);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawRoundedRect(pill, height / 2.0, height / 2.0);
    painter->setPen(palette::onBadge);
    painter->drawText(pill, Qt::AlignCenter, text);
    painter->restore();
}

QSize BadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(size.width() + 24);
    return size;
}

} // namespace tickets::client
