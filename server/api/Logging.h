#pragma once
// The logging categories of the api layer (QT_LOGGING_RULES raises or silences each).

#include <QLoggingCategory>

namespace tickets::server {
Q_DECLARE_LOGGING_CATEGORY(lcAccess)
Q_DECLARE_LOGGING_CATEGORY(lcCors)
Q_DECLARE_LOGGING_CATEGORY(lcApi)
} // namespace tickets::server
