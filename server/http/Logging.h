#pragma once
// The logging categories of the http layer (QT_LOGGING_RULES raises or silences each).

#include <QLoggingCategory>

namespace tickets::server::http {
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
} // namespace tickets::server::http
