#pragma once
// Every colour the desktop client paints with, named by what it means, so a badge, a traffic
// light, the live status and an error message that mean the same look the same.

#include <QColor>
#include <QString>

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

// A style sheet that colours a widget's text.
inline QString textStyle(const QColor &color)
{
    return QStringLiteral("color: %1;").arg(color.name());
}

} // namespace tickets::client::palette
