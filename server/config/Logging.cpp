#include "config/Logging.h"

namespace tickets::server {
Q_LOGGING_CATEGORY(lcConfig, "tickets.config")

void configureLogging(bool debug)
{
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} "
                                      "%{if-debug}DEBUG%{endif}%{if-info}INFO%{endif}%{if-warning}WARNING%{endif}"
                                      "%{if-critical}ERROR%{endif}%{if-fatal}FATAL%{endif} %{category}: %{message}"));
    QLoggingCategory::setFilterRules(debug ? QStringLiteral("tickets.*.debug=true")
                                           : QStringLiteral("tickets.*.debug=false"));
}
} // namespace tickets::server
