#include "http/Logging.h"

namespace tickets::server::http {
Q_LOGGING_CATEGORY(lcHttp, "tickets.http")
} // namespace tickets::server::http
