#include "api/Logging.h"

namespace tickets::server {
Q_LOGGING_CATEGORY(lcAccess, "tickets.http.access")
Q_LOGGING_CATEGORY(lcCors, "tickets.cors")
Q_LOGGING_CATEGORY(lcApi, "tickets.api")
} // namespace tickets::server
