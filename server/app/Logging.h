#pragma once
// The logging categories of the app layer (QT_LOGGING_RULES raises or silences each).

#include <QLoggingCategory>

namespace tickets::server {
Q_DECLARE_LOGGING_CATEGORY(lcServer)
} // namespace tickets::server
