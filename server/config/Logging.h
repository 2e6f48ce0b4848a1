#pragma once
// The logging categories of the config layer (QT_LOGGING_RULES raises or silences each).

#include <QLoggingCategory>

namespace tickets::server {
Q_DECLARE_LOGGING_CATEGORY(lcConfig)

// The log format of every program (time, level, category, message) and DEBUG's level; the
// QT_LOGGING_RULES environment variable still overrides both.
void configureLogging(bool debug);
} // namespace tickets::server
