#pragma once
// Every colour the desktop client paints with, named by what it means, so a badge, a traffic
// light, the live status and an error message that mean the same look the same.

#include <QColor>
#include <QPalette>
#include <QString>

#include <algorithm>
#include <cmath>

namespace tickets::client::palette {

inline const QColor info{0x1f, 0x6f, 0xeb};    // blue: open tickets, medium priority
inline const QColor good{0x1a, 0x7f, 0x37};    // green: resolved, healthy, live
inline const QColor warning{0xd9, 0x7a, 0x06}; // amber: in progress, high priority, connecting, a queue that grows
inline const QColor danger{0xcf, 0x22, 0x2e};  // red: critical priority, failures, error messages
inline const QColor muted{0x6e, 0x77, 0x81};   // slate: closed tickets, low priority
inline const QColor unknown{0x8c, 0x95, 0x9f}; // grey: no answer yet, stopped
inline const QColor onBadge{0xff, 0xff, 0xff}; // text on a coloured pill

inline const QColor noteCard{0xff, 0xf8, 0xc5};         // an internal note in the timeline
inline const QColor cardBorder{0xd0, 0xd7, 0xde};       // the edge of a timeline card
inline const QColor bannerBackground{0xff, 0xf1, 0xe5}; // the "cannot reach the server" strip

// WCAG 2 contrast between two colours, from 1 (none) to 21 (black on white); text wants 4.5.
inline double contrastRatio(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &color) {
        const auto channel = [](double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The composer while it writes an internal note: yellow like a note card, so it cannot pass for a
// public comment. One pair for light palettes and one for dark (tst_client_ui checks contrast).
struct ColorPair
{
    QColor background;
    QColor text;
};
inline const ColorPair noteComposeLight{noteCard, QColor(0x1f, 0x23, 0x28)};
inline const ColorPair noteComposeDark{QColor(0x4a, 0x3b, 0x00), QColor(0xf6, 0xf8, 0xfa)};
inline const ColorPair &noteCompose(const QPalette &around)
{
    return around.color(QPalette::Window).lightness() < 128 ? noteComposeDark : noteComposeLight;
}

// A style sheet that colours a widget's text.
inline QString textStyle(const QColor &color)
{
    return QStringLiteral("color: %1;").arg(color.name());
}

} // namespace tickets::client::palette
