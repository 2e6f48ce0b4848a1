// The live events as every consumer parses them: events::Event::fromJson (the live hub, the
// event audience, GET /eventos, the desktop client's live feed). Invariants: an event that
// parses re-serializes (toJson) into JSON that parses back to the same event, toJsonBeforeSeq()
// is toJson() up to its seq, and field() finds every field.

#include "FuzzTarget.h"
#include "events/Events.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace tickets;

TICKETS_FUZZ_TARGET(event)
{
    const QByteArray payload(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto event = events::Event::fromJson(payload);
    if (!event)
        return;
    const QByteArray json = event->toJson();
    FUZZ_CHECK(QJsonDocument::fromJson(json).isObject());
    FUZZ_CHECK(event->toJsonBeforeSeq() + QByteArray::number(event->seq) + "}" == json);
    const auto again = events::Event::fromJson(json);
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->evento == event->evento);
    FUZZ_CHECK(again->timestamp == event->timestamp);
    FUZZ_CHECK(again->seq == event->seq);
    FUZZ_CHECK(again->fields == event->fields);
    FUZZ_CHECK(again->toJson() == json);
    for (const auto &[key, value] : event->fields)
        FUZZ_CHECK(event->field(key) == value);
}
