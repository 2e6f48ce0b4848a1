#pragma once
// The logging categories of the redis layer (QT_LOGGING_RULES raises or silences each).

#include <QLoggingCategory>

namespace tickets::server {
Q_DECLARE_LOGGING_CATEGORY(lcRedis)
} // namespace tickets::server
