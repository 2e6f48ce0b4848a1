// Every request body the controllers read, through the same path they use: server::Request::body<Model>()
// (content type, JSON decoding, the model's fromJson with FastAPI's errors) and finish() (one 422).
// The first byte picks the body type, the content type and whether the caller's id is a default;
// the rest is the body. Invariants:
//   - only a 422 (protocol::Error of kind Invalid) leaves finish(), and it carries every error;
//   - a model comes back exactly when there is no error;
//   - a model passes its own validate(), and its toJson() parses back to the same model;
//   - a sensitive body (login, password change, new user) never quotes any input in its 422.

#include "FuzzTarget.h"
#include "api/Request.h"
#include "auth/Credentials.h"
#include "domain/Interaccion.h"
#include "domain/Ticket.h"
#include "domain/Usuario.h"
#include "protocol/ErrorKind.h"
#include "validation/BodyReader.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace tickets;
using namespace tickets::server;

namespace {

const QByteArray kContentTypes[] = {QByteArray(), "application/json", "text/plain",
                                    "application/problem+json; charset=utf-8"};

// Models with validate(): the typed rules agree with what fromJson let through.
template <typename Model>
auto checkValidate(const Model &model, int) -> decltype(model.validate(std::declval<FieldErrors &>()), void())
{
    FieldErrors errors;
    FUZZ_CHECK(model.validate(errors));
    FUZZ_CHECK(errors.isEmpty());
}
template <typename Model> void checkValidate(const Model &, long) {}

// Ids the storage binds: QUuid's null is bound as SQL NULL, so the nil UUID a client sends must
// not turn into it (issue 11, item 10: 500 on a NOT NULL violation, or "nobody" for an
// interaction's usuario_id). Known: tests/fuzz/known/README.md, nil-uuid.
void checkIds(const TicketCreate &model, const QJsonObject &)
{
    FUZZ_KNOWN(!model.usuarioId.isNull(), "nil-uuid");
}
void checkIds(const InteraccionCreate &model, const QJsonObject &body)
{
    FUZZ_KNOWN(!model.ticketId.isNull(), "nil-uuid");
    FUZZ_KNOWN(!body.value(QStringLiteral("usuario_id")).isString() || !model.usuarioId.isNull(), "nil-uuid");
}
template <typename Model> void checkIds(const Model &, const QJsonObject &) {}

template <typename Model> void checkRoundTrip(const Model &model)
{
    const QJsonObject json = model.toJson();
    FieldErrors errors;
    const auto again = Model::fromJson(json, errors);
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(errors.isEmpty());
    FUZZ_CHECK(again->toJson() == json);
}

template <typename Model>
void run(const QByteArray &body, const QByteArray &contentType, bool callerDefault, bool sensitive, bool roundTrip)
{
    http::Request raw;
    raw.method = "POST";
    raw.path = QStringLiteral("/fuzz");
    raw.encodedPath = "/fuzz";
    raw.body = body;
    if (!contentType.isNull())
        raw.headers.append({"content-type", contentType});
    Request request(raw, {}, {}, "fuzz");
    if (sensitive)
        request.markSensitive();
    QJsonObject defaults;
    if (callerDefault)
        defaults.insert(QStringLiteral("usuario_id"), QStringLiteral("3f2504e0-4f89-41d3-9a0c-0305e82c3301"));
    const std::optional<Model> model = request.body<Model>(defaults);
    const qsizetype errorCount = request.errors().size();
    FUZZ_CHECK(model.has_value() == (errorCount == 0));
    for (const FieldError &error : std::as_const(request.errors())) {
        FUZZ_CHECK(!error.type.isEmpty());
        FUZZ_CHECK(!error.msg.isEmpty());
        FUZZ_CHECK(!error.loc.isEmpty() && error.loc.first() == QJsonValue(QStringLiteral("body")));
    }
    try {
        request.finish();
        FUZZ_CHECK(errorCount == 0);
    } catch (const protocol::Error &error) {
        FUZZ_CHECK(error.kind() == protocol::ErrorKind::Invalid);
        const QJsonArray detail = error.detail().toArray();
        FUZZ_CHECK(detail.size() == errorCount);
        for (const QJsonValue &item : detail) {
            const QJsonObject object = item.toObject();
            FUZZ_CHECK(object.contains(QStringLiteral("type")) && object.contains(QStringLiteral("loc")));
            if (sensitive) {
                const QJsonValue input = object.value(QStringLiteral("input"));
                FUZZ_CHECK(input.isNull() || input.isUndefined() || input == QJsonValue(validation::kRedacted));
            }
        }
        // The 422 body is serializable JSON.
        FUZZ_CHECK(!QJsonDocument(QJsonObject{{QStringLiteral("detail"), detail}}).toJson().isEmpty());
    }
    if (model) {
        QJsonObject sent = QJsonDocument::fromJson(body).object();
        for (auto it = defaults.begin(); it != defaults.end(); ++it) {
            if (!sent.contains(it.key()))
                sent.insert(it.key(), it.value());
        }
        checkIds(*model, sent);
        checkValidate(*model, 0);
        if (roundTrip)
            checkRoundTrip(*model);
    }
}

} // namespace

TICKETS_FUZZ_TARGET(bodies)
{
    if (size == 0)
        return;
    const std::uint8_t selector = data[0];
    const QByteArray body(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const QByteArray &contentType = kContentTypes[(selector >> 3) & 3];
    const bool callerDefault = (selector >> 5) & 1;
    switch ((selector & 7) % 6) {
    case 0: // POST /tickets
        run<TicketCreate>(body, contentType, callerDefault, false, true);
        break;
    case 1: // POST /usuarios
        run<UsuarioCreate>(body, contentType, false, true, true);
        break;
    case 2: // PATCH /usuarios/{id}
        run<UsuarioUpdate>(body, contentType, false, false, true);
        break;
    case 3: // POST /interacciones
        run<InteraccionCreate>(body, contentType, callerDefault, false, true);
        break;
    case 4: // POST /auth/login: the email is trimmed after its length check, so no round trip
        run<LoginRequest>(body, contentType, false, true, false);
        break;
    case 5: // PUT /usuarios/{id}/password
        run<PasswordChange>(body, contentType, false, true, true);
        break;
    }
}
