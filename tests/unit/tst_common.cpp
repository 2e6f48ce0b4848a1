// tickets_common: the contract's enum strings, JSON shapes and validation rules.

#include "domain/Interaccion.h"
#include "domain/Ticket.h"
#include "domain/Timestamp.h"
#include "domain/Usuario.h"
#include "events/Events.h"
#include "protocol/Cursor.h"
#include "validation/BodyReader.h"

#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

#include <limits>

using namespace tickets;
using namespace tickets::validation;

class TestCommon : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The database finishes an event with the seq it assigns: the two halves make toJson().
    void anEventsJsonEndsWithItsSeq()
    {
        events::Event event = events::Event::interaccionCreada(QUuid::createUuid(), 42, QStringLiteral("comentario"));
        event.seq = 123456;
        QCOMPARE(event.toJsonBeforeSeq() + "123456}", event.toJson());
        QVERIFY(event.toJsonBeforeSeq().endsWith("\"seq\": "));
        QCOMPARE(events::Event::fromJson(event.toJson())->seq, 123456);
    }

    // Presence, in common/ so the desktop parses what the server sends with the same code.
    void presenceMessagesAndEvents()
    {
        const QUuid ticket = QUuid::fromString(QStringLiteral("6f1c2a9e-3b7d-4c1e-9a2f-1d3e5b7c9a0b"));
        const QUuid usuario = QUuid::fromString(QStringLiteral("0e4d2c1b-8a7f-4e3d-b2c1-a0f9e8d7c6b5"));
        const events::Presencia presence{ticket, usuario, QStringLiteral("Ana \"la\" de soporte"),
                                         events::presencia::escribiendo, QStringLiteral("2024-01-15T10:30:00.123Z")};
        QCOMPARE(presence.toJson(),
                 QByteArray("{\"evento\": \"presencia\", \"ticket_id\": \"6f1c2a9e-3b7d-4c1e-9a2f-1d3e5b7c9a0b\", "
                            "\"usuario_id\": \"0e4d2c1b-8a7f-4e3d-b2c1-a0f9e8d7c6b5\", "
                            "\"nombre\": \"Ana \\\"la\\\" de soporte\", \"estado\": \"escribiendo\", "
                            "\"timestamp\": \"2024-01-15T10:30:00.123Z\"}"));
        const auto parsed = events::Presencia::fromJson(presence.toJson());
        QVERIFY(parsed);
        QCOMPARE(parsed->toJson(), presence.toJson());
        QVERIFY(!events::Presencia::fromJson(events::Event::ticketCreado(ticket).toJson()));
        QVERIFY(
            !events::Presencia::fromJson("{\"evento\": \"presencia\", \"ticket_id\": \"x\", \"estado\": \"viendo\"}"));

        const events::AccionPresencia viendo{events::presencia::viendo, ticket};
        QCOMPARE(viendo.toJson(),
                 QByteArray("{\"accion\": \"viendo\", \"ticket_id\": \"6f1c2a9e-3b7d-4c1e-9a2f-1d3e5b7c9a0b\"}"));
        QCOMPARE(events::AccionPresencia::fromJson(viendo.toJson())->ticketId, ticket);
        for (const QByteArray &bad :
             {QByteArray("no json"), QByteArray("[]"),
              QByteArray("{\"accion\": \"bailando\", \"ticket_id\": \"6f1c2a9e-3b7d-4c1e-9a2f-1d3e5b7c9a0b\"}"),
              QByteArray("{\"accion\": \"viendo\", \"ticket_id\": \"00000000-0000-0000-0000-000000000000\"}"),
              QByteArray("{\"accion\": \"viendo\", \"ticket_id\": \"{6f1c2a9e-3b7d-4c1e-9a2f-1d3e5b7c9a0b}\"}"),
              QByteArray("{\"accion\": \"viendo\", \"ticket_id\": 1}"),
              QByteArray("{\"ticket_id\": \"6f1c2a9e-3b7d-4c1e-9a2f-1d3e5b7c9a0b\"}"),
              QByteArray(viendo.toJson() + QByteArray(1024, ' '))})
            QVERIFY2(!events::AccionPresencia::fromJson(bad), bad.left(80).constData());
        QCOMPARE(events::presencia::rank(events::presencia::escribiendo), 2);
        QCOMPARE(events::presencia::rank(QStringLiteral("otro")), -1);
    }

    void enumStringsAreTheContracts()
    {
        QCOMPARE(enumStrings<Rol>(), QStringList({"usuario", "admin", "soporte"}));
        QCOMPARE(enumStrings<Estado>(), QStringList({"abierto", "en_proceso", "resuelto", "cerrado"}));
        QCOMPARE(enumStrings<Prioridad>(), QStringList({"baja", "media", "alta", "critica"}));
        QCOMPARE(enumStrings<TipoInteraccion>(), QStringList({"comentario", "cambio_estado", "nota_interna"}));
        QCOMPARE(wireName(Estado::EnProceso), QStringLiteral("en_proceso"));
        QCOMPARE(enumFromString<TipoInteraccion>(u"nota_interna"), std::optional(TipoInteraccion::NotaInterna));
        QVERIFY(!enumFromString<Estado>(u"Abierto"));
        QCOMPARE(enumExpectation<Rol>(), QStringLiteral("'usuario', 'admin' or 'soporte'"));
    }

    void timestampsAreUtcWithMilliseconds()
    {
        const QDateTime madrid(QDate(2024, 1, 15), QTime(11, 30, 0, 123), QTimeZone("Europe/Madrid"));
        QCOMPARE(formatTimestamp(madrid), QStringLiteral("2024-01-15T10:30:00.123Z"));
        QCOMPARE(parseTimestamp(QStringLiteral("2024-01-15T10:30:00.123Z")), madrid.toUTC());
        QCOMPARE(parseTimestamp(QStringLiteral("2024-01-15T10:30:00Z")).time(), QTime(10, 30));
    }

    void usuarioJsonRoundTrip()
    {
        const Usuario u{QUuid::createUuid(),
                        "ana@example.com",
                        "Ana",
                        Rol::Soporte,
                        false,
                        QDateTime(QDate(2024, 1, 15), QTime(10, 30), QTimeZone::utc())};
        const QJsonObject json = u.toJson();
        QCOMPARE(json.keys(), QStringList({"activo", "email", "fecha_creacion", "id", "nombre", "rol"}));
        QCOMPARE(json.value("rol").toString(), QStringLiteral("soporte"));
        QCOMPARE(json.value("id").toString(), u.id.toString(QUuid::WithoutBraces));
        const auto back = Usuario::fromJson(json);
        QVERIFY(back);
        QCOMPARE(back->toJson(), json);
    }

    void ifMatchNamesVersions()
    {
        QVERIFY(!versionsInIfMatch({}));
        QVERIFY(!versionsInIfMatch("*"));
        QCOMPARE(*versionsInIfMatch("\"7\""), QList<qint64>{7});
        QCOMPARE(*versionsInIfMatch("W/\"7\", \"9\""), (QList<qint64>{7, 9}));
        // Unquoted, empty or not a version: names nothing, so it matches no ticket.
        QVERIFY(versionsInIfMatch("7")->isEmpty());
        QVERIFY(versionsInIfMatch("\"\"")->isEmpty());
        QVERIFY(versionsInIfMatch("\"abc\"")->isEmpty());
    }

    void ticketUpdateReadsOnlyWhatIsPresent()
    {
        FieldErrors errors;
        const auto empty = TicketUpdate::fromJson({}, errors);
        QVERIFY(errors.isEmpty() && empty && empty->isEmpty());
        const auto unassign = TicketUpdate::fromJson({{"asignado_a", QJsonValue()}}, errors);
        QVERIFY(unassign && unassign->asignadoA && unassign->asignadoA->isNull());
        const auto bad = TicketUpdate::fromJson({{"titulo", ""}, {"prioridad", "urgente"}, {"asignado_a", 5}}, errors);
        QVERIFY(!bad);
        QCOMPARE(errors.size(), 3);
        QCOMPARE(errors[0].loc, (QJsonArray{"body", "titulo"}));
        QCOMPARE(errors[1].loc, (QJsonArray{"body", "prioridad"}));
        QCOMPARE(errors[2].loc, (QJsonArray{"body", "asignado_a"}));

        Ticket ticket;
        ticket.titulo = "a";
        ticket.prioridad = Prioridad::Alta;
        TicketUpdate same;
        same.titulo = "a";
        same.prioridad = Prioridad::Alta;
        same.asignadoA = QUuid();
        QVERIFY(same.changesTo(ticket).isEmpty()); // an unchanged value is no change
        same.prioridad = Prioridad::Baja;
        QCOMPARE(same.changesTo(ticket), QList<CampoTicket>{CampoTicket::Prioridad});
    }

    void slaPolicyReadsHoursByPriority()
    {
        const SlaPolicy defaults;
        QCOMPARE(defaults.seconds(Prioridad::Critica), 4 * 3600);
        QCOMPARE(defaults.seconds(Prioridad::Baja), 72 * 3600);
        QString error;
        const auto shorter = SlaPolicy::fromJson(R"({"critica":0.001,"alta":2})", &error);
        QVERIFY(shorter);
        QCOMPARE(shorter->seconds(Prioridad::Critica), 4); // 3.6 s, rounded
        QCOMPARE(shorter->seconds(Prioridad::Alta), 7200);
        QCOMPARE(shorter->seconds(Prioridad::Media), 24 * 3600); // left out: the default
        QVERIFY(!SlaPolicy::fromJson(R"({"urgente":1})", &error));
        QVERIFY(error.contains("urgente"));
        QVERIFY(!SlaPolicy::fromJson(R"({"alta":0})", &error));
        QVERIFY(!SlaPolicy::fromJson(R"({"alta":"8"})", &error));
        QVERIFY(!SlaPolicy::fromJson("[1]", &error));
    }

    void cursorsNameTheirOrder()
    {
        const protocol::Cursor plain{1700000000000000, "a-b", {}};
        const auto back = protocol::Cursor::decode(plain.encode());
        QVERIFY(back && back->orden.isEmpty() && back->key == plain.key);
        const protocol::Cursor ordered{9223372036854775807, "c-d", "vence_en"};
        const auto again = protocol::Cursor::decode(ordered.encode());
        QVERIFY(again);
        QCOMPARE(again->orden, QStringLiteral("vence_en"));
        QCOMPARE(again->key, ordered.key);
        QCOMPARE(again->id, QStringLiteral("c-d"));
        QVERIFY(!protocol::Cursor::decode(QByteArray("c2:ORDEN:1:ab").toBase64(QByteArray::Base64UrlEncoding)));
    }

    void ticketAndInteraccionJsonRoundTrip()
    {
        const Ticket t{QUuid::createUuid(),
                       QUuid::createUuid(),
                       "Título",
                       "Descripción",
                       Estado::Resuelto,
                       Prioridad::Critica,
                       QDateTime::currentDateTimeUtc(),
                       QDateTime::currentDateTimeUtc(),
                       42,
                       QUuid::createUuid(),
                       QDateTime::currentDateTimeUtc().addSecs(3600),
                       3};
        QCOMPARE(Ticket::fromJson(t.toJson())->toJson(), t.toJson());
        QCOMPARE(t.toJson().value("prioridad").toString(), QStringLiteral("critica"));
        QCOMPARE(t.toJson().value("numero").toInteger(), 42);
        QCOMPARE(t.etag(), QByteArray("\"3\""));
        Ticket unowned = t;
        unowned.asignadoA = QUuid();
        unowned.venceEn = QDateTime();
        QVERIFY(unowned.toJson().value("asignado_a").isNull());
        QVERIFY(unowned.toJson().value("vence_en").isNull());
        QCOMPARE(Ticket::fromJson(unowned.toJson())->toJson(), unowned.toJson());

        const Interaccion anonymous{7,
                                    QUuid::createUuid(),
                                    QUuid(),
                                    TipoInteraccion::CambioEstado,
                                    cambioEstadoTexto(Estado::Cerrado),
                                    QDateTime::currentDateTimeUtc(),
                                    QUuid()};
        const QJsonObject json = anonymous.toJson();
        QVERIFY(json.value("usuario_id").isNull());
        QCOMPARE(json.value("contenido").toString(), QStringLiteral("Estado actualizado a cerrado"));
        QCOMPARE(Interaccion::fromJson(json)->toJson(), json);

        TicketResumen resumen;
        resumen.total = 3;
        resumen.porEstado[Estado::Abierto] = 3;
        resumen.porPrioridad[Prioridad::Alta] = 3;
        QCOMPARE(TicketResumen::fromJson(resumen.toJson()).toJson(), resumen.toJson());
        QCOMPARE(resumen.toJson().value("por_estado").toObject().value("cerrado").toInt(), 0);
    }

    void usuarioCreateAppliesDefaultsAndNormalisesEmail()
    {
        FieldErrors errors;
        const auto input =
            UsuarioCreate::fromJson(QJsonObject{{"email", "Ana@Example.COM"}, {"nombre", "Ana"}}, errors);
        QVERIFY(errors.isEmpty());
        QCOMPARE(input->rol, Rol::Usuario);
        QCOMPARE(input->email, QStringLiteral("Ana@example.com"));
    }

    void usuarioCreateReportsEveryProblemAtOnce()
    {
        FieldErrors errors;
        const QJsonObject body{{"email", "sin-arroba"}, {"nombre", 42}, {"rol", "jefe"}};
        QVERIFY(!UsuarioCreate::fromJson(body, errors));
        QCOMPARE(errors.size(), 3);
        QCOMPARE(errors[0].type, QStringLiteral("value_error"));
        QCOMPARE(errors[0].loc, QJsonArray({"body", "email"}));
        QCOMPARE(errors[0].msg,
                 QStringLiteral("value is not a valid email address: An email address must have an @-sign."));
        QCOMPARE(errors[1].type, QStringLiteral("string_type"));
        QCOMPARE(errors[1].input, QJsonValue(42));
        QCOMPARE(errors[2].type, QStringLiteral("enum"));
        QCOMPARE(errors[2].ctx.value("expected").toString(), QStringLiteral("'usuario', 'admin' or 'soporte'"));

        errors.clear();
        QVERIFY(!UsuarioCreate::fromJson(QJsonObject{}, errors));
        QCOMPARE(errors.size(), 2);
        QCOMPARE(errors[0].type, QStringLiteral("missing"));
        QCOMPARE(errors[0].msg, QStringLiteral("Field required"));
        QCOMPARE(errors[1].loc, QJsonArray({"body", "nombre"}));
    }

    void emailRules_data()
    {
        QTest::addColumn<QString>("email");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << "a@b.co" << true;
        QTest::newRow("plus") << "ana.garcia+tickets@sub.example.org" << true;
        QTest::newRow("unicode local") << "josé@example.com" << true;
        QTest::newRow("no at") << "example.com" << false;
        QTest::newRow("no domain dot") << "ana@localhost" << false;
        QTest::newRow("double dot") << "ana..b@example.com" << false;
        QTest::newRow("space") << "ana b@example.com" << false;
        QTest::newRow("leading dot") << ".ana@example.com" << false;
        QTest::newRow("numeric tld") << "ana@example.123" << false;
        QTest::newRow("empty local") << "@example.com" << false;
        QTest::newRow("hyphen label") << "ana@-example.com" << false;
    }
    void emailRules()
    {
        QFETCH(QString, email);
        QFETCH(bool, valid);
        FieldErrors errors;
        QCOMPARE(asEmail(email, loc("body", "email"), errors).has_value(), valid);
        QCOMPARE(errors.isEmpty(), valid);
        if (!valid)
            QVERIFY(!errors[0].ctx.value("reason").toString().isEmpty());
    }

    void ticketCreateRules()
    {
        FieldErrors errors;
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        auto ok = TicketCreate::fromJson(QJsonObject{{"usuario_id", id}, {"titulo", "t"}, {"descripcion", ""}}, errors);
        QVERIFY(ok);
        QCOMPARE(ok->prioridad, Prioridad::Media);

        errors.clear();
        const QJsonObject tooLong{
            {"usuario_id", "123"}, {"titulo", QString(256, u'x')}, {"descripcion", 5}, {"prioridad", "urgente"}};
        QVERIFY(!TicketCreate::fromJson(tooLong, errors));
        QStringList types;
        for (const FieldError &e : errors)
            types << e.type;
        QCOMPARE(types, QStringList({"uuid_parsing", "string_too_long", "string_type", "enum"}));
        QCOMPARE(errors[1].ctx.value("max_length").toInt(), 255);
        QCOMPARE(errors[1].msg, QStringLiteral("String should have at most 255 characters"));

        errors.clear();
        QVERIFY(!TicketCreate::fromJson(QJsonObject{{"usuario_id", id}, {"titulo", ""}, {"descripcion", "d"}}, errors));
        QCOMPARE(errors[0].type, QStringLiteral("string_too_short"));
        QCOMPARE(errors[0].msg, QStringLiteral("String should have at least 1 character"));

        // Length is counted in characters, as Python does: 255 emoji fit.
        errors.clear();
        QString emoji;
        for (int i = 0; i < 255; ++i)
            emoji += QString::fromUcs4(U"\U0001F600");
        QVERIFY(
            TicketCreate::fromJson(QJsonObject{{"usuario_id", id}, {"titulo", emoji}, {"descripcion", "d"}}, errors));
    }

    void nulCharactersAreRefused()
    {
        FieldErrors errors;
        QVERIFY(!asString(QString::fromUtf16(u"a\u0000b", 3), loc("body", "nombre"), errors));
        QCOMPARE(errors.last().type, QStringLiteral("value_error"));
        QVERIFY(errors.last().msg.startsWith("Value error, "));
    }

    void interaccionCreateAcceptsNullUser()
    {
        FieldErrors errors;
        const QString ticket = QUuid::createUuid().toString(QUuid::WithoutBraces);
        auto input = InteraccionCreate::fromJson(
            QJsonObject{{"ticket_id", ticket}, {"usuario_id", QJsonValue::Null}, {"contenido", "hola"}}, errors);
        QVERIFY(input);
        QVERIFY(input->usuarioId.isNull());
        QCOMPARE(input->tipo, TipoInteraccion::Comentario);
        input = InteraccionCreate::fromJson(
            QJsonObject{{"ticket_id", ticket}, {"contenido", "x"}, {"tipo", "nota_interna"}}, errors);
        QCOMPARE(input->tipo, TipoInteraccion::NotaInterna);
    }

    void usuarioUpdateIsPartial()
    {
        FieldErrors errors;
        auto update = UsuarioUpdate::fromJson(QJsonObject{{"activo", "false"}}, errors);
        QVERIFY(update);
        QCOMPARE(update->activo, std::optional(false));
        QVERIFY(!update->nombre && !update->email && !update->rol);
        QVERIFY(!UsuarioUpdate::fromJson(QJsonObject{{"activo", "quizás"}}, errors));
        QCOMPARE(errors[0].type, QStringLiteral("bool_parsing"));
    }

    void uuidMessages()
    {
        FieldErrors errors;
        QVERIFY(asUuid("550e8400-e29b-41d4-a716-446655440000", loc("path", "id"), errors));
        QCOMPARE(asUuid("550E8400E29B41D4A716446655440000", loc("path", "id"), errors)->toString(QUuid::WithoutBraces),
                 QStringLiteral("550e8400-e29b-41d4-a716-446655440000"));
        QVERIFY(errors.isEmpty());
        QVERIFY(!asUuid("not-a-uuid", loc("path", "id"), errors));
        QCOMPARE(errors.last().type, QStringLiteral("uuid_parsing"));
        QVERIFY(errors.last().msg.startsWith("Input should be a valid UUID, invalid character"));
        QVERIFY(!asUuid("550e8400-e29b-41d4-a716", loc("path", "id"), errors));
        QCOMPARE(errors.last().ctx.value("error").toString(),
                 QStringLiteral("invalid group count: expected 5, found 4"));
        QVERIFY(!asUuid(12, loc("body", "id"), errors));
        QCOMPARE(errors.last().type, QStringLiteral("uuid_type"));
    }

    void integerBounds()
    {
        FieldErrors errors;
        QCOMPARE(asInt("20", loc("query", "limit"), errors, 1, 1000), std::optional<qint64>(20));
        QVERIFY(!asInt("abc", loc("query", "limit"), errors, 1, 1000));
        QCOMPARE(errors.last().type, QStringLiteral("int_parsing"));
        QVERIFY(!asInt("1001", loc("query", "limit"), errors, 1, 1000));
        QCOMPARE(errors.last().type, QStringLiteral("less_than_equal"));
        QCOMPARE(errors.last().ctx.value("le").toInt(), 1000);
        QVERIFY(!asInt("-1", loc("query", "skip"), errors, 0, std::nullopt));
        QCOMPARE(errors.last().type, QStringLiteral("greater_than_equal"));
        QVERIFY(!asInt("99999999999999999999999", loc("query", "limit"), errors, 1, 1000));
        QCOMPARE(errors.last().type, QStringLiteral("less_than_equal"));
        QVERIFY(!asInt(2.5, loc("body", "n"), errors));
        QCOMPARE(errors.last().type, QStringLiteral("int_from_float"));
        // The ends of qint64 keep their exact value (they went through a double, and 2^63 was cast
        // back, undefined behaviour that fuzz_query's UBSan build reproduces); beyond them there is none.
        QCOMPARE(asInt("9223372036854775807", loc("query", "skip"), errors, 0, std::nullopt),
                 std::optional<qint64>(std::numeric_limits<qint64>::max()));
        QCOMPARE(asInt("-9223372036854775808", loc("query", "n"), errors),
                 std::optional<qint64>(std::numeric_limits<qint64>::min()));
        QVERIFY(!asInt("9223372036854775808", loc("query", "skip"), errors, 0, std::nullopt));
        QCOMPARE(errors.last().type, QStringLiteral("int_parsing"));
        QVERIFY(!asInt(9223372036854775808.0, loc("body", "n"), errors));
        QCOMPARE(errors.last().type, QStringLiteral("int_parsing"));
        QCOMPARE(asInt(-9223372036854775808.0, loc("body", "n"), errors),
                 std::optional<qint64>(std::numeric_limits<qint64>::min()));
    }

    void bodyParsing()
    {
        FieldErrors errors;
        QVERIFY(!parseJsonBody("", errors));
        QCOMPARE(errors.last().type, QStringLiteral("missing"));
        QCOMPARE(errors.last().loc, QJsonArray({"body"}));
        QVERIFY(!parseJsonBody("{\"email\": ", errors));
        QCOMPARE(errors.last().type, QStringLiteral("json_invalid"));
        QCOMPARE(errors.last().msg, QStringLiteral("JSON decode error"));
        QCOMPARE(errors.last().loc.at(0).toString(), QStringLiteral("body"));
        QVERIFY(!parseJsonBody("[1,2]", errors));
        QCOMPARE(errors.last().type, QStringLiteral("model_attributes_type"));
        QVERIFY(parseJsonBody("{\"a\":1}", errors));
    }
};

QTEST_GUILESS_MAIN(TestCommon)
#include "tst_common.moc"
