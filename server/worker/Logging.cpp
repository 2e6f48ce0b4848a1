#include "worker/Logging.h"

namespace tickets::server {
Q_LOGGING_CATEGORY(lcWorker, "tickets.worker")
} // namespace tickets::server
