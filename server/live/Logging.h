#pragma once
// The logging categories of the live layer (QT_LOGGING_RULES raises or silences each).

#include <QLoggingCategory>

namespace tickets::server {
Q_DECLARE_LOGGING_CATEGORY(lcLive)
} // namespace tickets::server
