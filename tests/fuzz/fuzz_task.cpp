// The batch worker's tasks as it reads them from cola:batch:procesar: events::Task::fromJson,
// then the checks BatchWorker::run makes before it touches the database (a tipo, a known
// tipo). Invariants: a task that parses has a tipo, and its toJson() parses back to the same
// task; what the worker logs about it (the ticket id) is printable.

#include "FuzzTarget.h"
#include "events/Events.h"

#include <QJsonDocument>

using namespace tickets;

TICKETS_FUZZ_TARGET(task)
{
    const QByteArray payload(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto task = events::Task::fromJson(payload);
    if (!task)
        return;
    FUZZ_CHECK(!task->tipo.isEmpty());
    const QByteArray json = task->toJson();
    FUZZ_CHECK(QJsonDocument::fromJson(json).isObject());
    const auto again = events::Task::fromJson(json);
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->tipo == task->tipo);
    FUZZ_CHECK(again->ticketId == task->ticketId);
    FUZZ_CHECK(again->timestamp == task->timestamp);
    FUZZ_CHECK(again->toJson() == json);
    const QString id = task->ticketId.toString(QUuid::WithoutBraces);
    FUZZ_CHECK(id.size() == 36);
    (void)(task->tipo == events::tipo::notificarTicketCreado);
}
