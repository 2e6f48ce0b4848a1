#include "live/Logging.h"

namespace tickets::server {
Q_LOGGING_CATEGORY(lcLive, "tickets.live")
} // namespace tickets::server
