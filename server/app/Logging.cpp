#include "app/Logging.h"

namespace tickets::server {
Q_LOGGING_CATEGORY(lcServer, "tickets.server")
} // namespace tickets::server
