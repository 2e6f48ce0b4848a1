#pragma once
// The logging categories of the storage layer (QT_LOGGING_RULES raises or silences each).

#include <QLoggingCategory>

namespace tickets::server {
Q_DECLARE_LOGGING_CATEGORY(lcDatabase)
Q_DECLARE_LOGGING_CATEGORY(lcMigrations)
} // namespace tickets::server
