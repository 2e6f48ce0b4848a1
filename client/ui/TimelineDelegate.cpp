#include "ui/TimelineDelegate.h"

#include "core/Labels.h"
#include "core/TimelineModel.h"
#include "ui/Palette.h"

#include <QPainter>

namespace tickets::client {

namespace {
constexpr int kPadding = 8;

QString headerOf(const QModelIndex &index)
{
    const auto tipo = static_cast<TipoInteraccion>(index.data(TimelineModel::TipoRole).toInt());
    QString header = QStringLiteral("%1 · %2 · %3")
                         .arg(tipoLabel(tipo), index.data(TimelineModel::AutorRole).toString(),
                              index.data(TimelineModel::FechaRole).toString());
    return header;
}

QRect textRect(const QStyleOptionViewItem &option)
{
    return option.rect.adjusted(kPadding, kPadding, -kPadding, -kPadding);
}
} // namespace

void TimelineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const auto tipo = static_cast<TipoInteraccion>(index.data(TimelineModel::TipoRole).toInt());
    painter->save();
    QColor card = option.palette.base().color();
    if (tipo == TipoInteraccion::NotaInterna)
        card = palette::noteCard;
    else if (tipo == TipoInteraccion::CambioEstado)
        card = option.palette.alternateBase().color();
    if (option.state & QStyle::State_Selected)
        card = option.palette.highlight().color().lighter(170);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(palette::cardBorder);
    painter->setBrush(card);
    painter->drawRoundedRect(option.rect.adjusted(2, 2, -2, -2), 6, 6);

    const QRect area = textRect(option);
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(option.palette.text().color());
    const int headerHeight = QFontMetrics(bold).height();
    painter->drawText(area.left(), area.top(), area.width(), headerHeight, Qt::AlignLeft, headerOf(index));
    painter->setFont(option.font);
    if (tipo == TipoInteraccion::CambioEstado)
        painter->setPen(option.palette.placeholderText().color());
    painter->drawText(area.adjusted(0, headerHeight + 4, 0, 0), Qt::TextWordWrap,
                      index.data(TimelineModel::ContenidoRole).toString());
    painter->restore();
}

QSize TimelineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int width = qMax(200, option.rect.width() > 0 ? option.rect.width() : 400) - 2 * kPadding;
    QFont bold = option.font;
    bold.setBold(true);
    const QRect text =
        QFontMetrics(option.font)
            .boundingRect(0, 0, width, 100000, Qt::TextWordWrap, index.data(TimelineModel::ContenidoRole).toString());
    return QSize(width + 2 * kPadding, QFontMetrics(bold).height() + 4 + text.height() + 2 * kPadding);
}

} // namespace tickets::client
