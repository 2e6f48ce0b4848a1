#include "auth/Logging.h"

namespace tickets::server {
Q_LOGGING_CATEGORY(lcAuth, "tickets.auth")
} // namespace tickets::server
