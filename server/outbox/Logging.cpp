#include "outbox/Logging.h"

namespace tickets::server {
Q_LOGGING_CATEGORY(lcOutbox, "tickets.outbox")
} // namespace tickets::server
