#include "app/Logging.h"

namespace tickets::server {
Q_LOGGING_CATEGORY(lcHttp, "tickets.http")
Q_LOGGING_CATEGORY(lcAccess, "tickets.http.access")
Q_LOGGING_CATEGORY(lcCors, "tickets.cors")
Q_LOGGING_CATEGORY(lcConfig, "tickets.config")
Q_LOGGING_CATEGORY(lcDatabase, "tickets.db")
Q_LOGGING_CATEGORY(lcMigrations, "tickets.migrations")
Q_LOGGING_CATEGORY(lcRedis, "tickets.redis")
Q_LOGGING_CATEGORY(lcAuth, "tickets.auth")
} // namespace tickets::server
