// What the desktop client parses from the server's answers, with the functions client/core
// calls (all in common/, so no widgets are needed): a ticket, user, interaction, notification,
// summary or login answer (T::fromJson of the body's object), a list page (the array, each item
// that parses, X-Total-Count and X-Total-Count-Capped) and a 422's detail (FieldError::fromJson).
// The first byte picks the shape; for a page the rest is "<X-Total-Count>\n<body>".
// Invariants: a value that parses re-serializes (toJson) into JSON that parses back to the same
// value; a page's total is never negative.

#include "FuzzTarget.h"
#include "auth/Credentials.h"
#include "domain/Interaccion.h"
#include "domain/Notificacion.h"
#include "domain/Ticket.h"
#include "domain/Usuario.h"
#include "protocol/Headers.h"
#include "protocol/Page.h"
#include "validation/FieldError.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace tickets;

namespace {

QJsonObject objectOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

// Through the wire and back: toJson() as bytes, then fromJson() of what a client reads.
template <typename T> void roundTrip(const T &value)
{
    const QJsonObject json = value.toJson();
    const auto again = T::fromJson(objectOf(QJsonDocument(json).toJson(QJsonDocument::Compact)));
    if constexpr (std::is_same_v<decltype(again), const TicketResumen>) {
        FUZZ_CHECK(again.toJson() == json);
    } else {
        FUZZ_CHECK(again.has_value());
        FUZZ_CHECK(again->toJson() == json);
    }
}

template <typename T> void one(const QByteArray &body)
{
    if (const auto value = T::fromJson(objectOf(body)))
        roundTrip(*value);
}

template <typename T> void page(const QByteArray &input)
{
    const qsizetype newline = input.indexOf('\n');
    const QByteArray totalHeader = newline < 0 ? QByteArray() : input.left(newline);
    const QByteArray body = newline < 0 ? input : input.mid(newline + 1);
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isArray())
        return;
    protocol::Page<T> result;
    for (const QJsonValue &value : document.array()) {
        if (auto item = T::fromJson(value.toObject()))
            result.items.append(*item);
    }
    result.total = protocol::parseTotalCount(totalHeader).value_or(result.items.size());
    result.totalCapped = protocol::parseTotalCountCapped(totalHeader);
    FUZZ_CHECK(result.total >= 0);
    for (const T &item : std::as_const(result.items))
        roundTrip(item);
}

void detail(const QByteArray &body)
{
    const QJsonValue detail = objectOf(body).value(QStringLiteral("detail"));
    if (!detail.isArray())
        return;
    for (const QJsonValue &item : detail.toArray()) {
        const FieldError error = FieldError::fromJson(item.toObject());
        const FieldError again = FieldError::fromJson(error.toJson());
        FUZZ_CHECK(again.toJson() == error.toJson());
    }
}

} // namespace

TICKETS_FUZZ_TARGET(client_json)
{
    if (size == 0)
        return;
    const QByteArray body(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    switch (data[0] % 10) {
    case 0: one<Ticket>(body); break;
    case 1: one<Usuario>(body); break;
    case 2: one<Interaccion>(body); break;
    case 3: one<Notificacion>(body); break;
    case 4: roundTrip(TicketResumen::fromJson(objectOf(body))); break;
    case 5: one<LoginResult>(body); break;
    case 6: detail(body); break;
    case 7: page<Ticket>(body); break;
    case 8: page<Usuario>(body); break;
    case 9: page<Interaccion>(body); break;
    }
}
