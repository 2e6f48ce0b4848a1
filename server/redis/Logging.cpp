#include "redis/Logging.h"

namespace tickets::server {
Q_LOGGING_CATEGORY(lcRedis, "tickets.redis")
} // namespace tickets::server
