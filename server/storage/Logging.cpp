#include "storage/Logging.h"

namespace tickets::server {
Q_LOGGING_CATEGORY(lcDatabase, "tickets.db")
Q_LOGGING_CATEGORY(lcMigrations, "tickets.migrations")
} // namespace tickets::server
