// ApiClient in-process: every call's method, path, query and body as the server expects them,
// the headers every request carries, typed answers from fixtures, and every kind of failure
// turned into an ApiError a person can read.

#include "ClientFixtures.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace tickets;
using namespace tickets::client;
using namespace tickets::test;

Q_DECLARE_METATYPE(std::function<void(tickets::client::ApiClient &)>)

namespace {
QJsonObject bodyOf(const ApiRequest &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

// Waits for one answer of `call` and returns it.
template <typename T, typename Call> Result<T> answer(Call call)
{
    std::optional<Result<T>> got;
    QObject context;
    call(&context, [&got](Result<T> result) { got = result; });
    if (!QTest::qWaitFor([&] { return got.has_value(); }, 2000))
        qFatal("no answer");
    return *got;
}
} // namespace

class TestClientApi : public QObject
{
    Q_OBJECT
    std::unique_ptr<ClientRig> rig;

private Q_SLOTS:
    void init() { rig = std::make_unique<ClientRig>(); }

    void everyCallAsksForWhatTheServerServes_data()
    {
        QTest::addColumn<std::function<void(ApiClient &)>>("call");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("pathAndQuery");
        QTest::addColumn<QJsonObject>("body");
        const auto none = [](auto) {};
        const QString t5 = fx::text(fx::ticket(5));

        QTest::newRow("login") << std::function<void(ApiClient &)>([none](ApiClient &c) {
            c.login({QStringLiteral("ana.garcia@example.com"), QStringLiteral("una-clave-larga")}, nullptr, none);
        }) << QByteArray("POST")
                               << "/auth/login"
                               << QJsonObject{{"email", "ana.garcia@example.com"}, {"password", "una-clave-larga"}};
        QTest::newRow("logout") << std::function<void(ApiClient &)>([none](ApiClient &c) { c.logout(nullptr, none); })
                                << QByteArray("POST") << "/auth/logout" << QJsonObject{};
        QTest::newRow("me") << std::function<void(ApiClient &)>([none](ApiClient &c) { c.me(nullptr, none); })
                            << QByteArray("GET") << "/auth/me" << QJsonObject{};
        QTest::newRow("tickets, no filter")
            << std::function<void(ApiClient &)>([none](ApiClient &c) { c.tickets({}, 0, 100, nullptr, none); })
            << QByteArray("GET") << "/tickets?skip=0&limit=100" << QJsonObject{};
        QTest::newRow("tickets, every filter") << std::function<void(ApiClient &)>([none](ApiClient &c) {
            c.tickets({Estado::EnProceso, Prioridad::Critica, QStringLiteral("  impresora rota ")}, 200, 50, nullptr,
                      none);
        }) << QByteArray("GET") << "/tickets?skip=200&limit=50&estado=en_proceso&prioridad=critica&q=impresora%20rota"
                                               << QJsonObject{};
        QTest::newRow("tickets, accented search") << std::function<void(ApiClient &)>([none](ApiClient &c) {
            c.tickets({std::nullopt, std::nullopt, QStringLiteral("móvil&co")}, 0, 100, nullptr, none);
        }) << QByteArray("GET") << "/tickets?skip=0&limit=100&q=m%C3%B3vil%26co"
                                                  << QJsonObject{};
        QTest::newRow("ticket") << std::function<void(ApiClient &)>(
                                       [none](ApiClient &c) { c.ticket(fx::ticket(5), nullptr, none); })
                                << QByteArray("GET") << "/tickets/" + t5 << QJsonObject{};
        QTest::newRow("create ticket, for oneself")
            << std::function<void(ApiClient &)>([none](ApiClient &c) {
                   c.createTicket(
                       {QUuid(), QStringLiteral("Pantalla parpadea"), QStringLiteral("Desde ayer"), Prioridad::Alta},
                       nullptr, none);
               })
            << QByteArray("POST") << "/tickets"
            << QJsonObject{{"titulo", "Pantalla parpadea"}, {"descripcion", "Desde ayer"}, {"prioridad", "alta"}};
        QTest::newRow("create ticket, for someone") << std::function<void(ApiClient &)>([none](ApiClient &c) {
            c.createTicket({fx::marta, QStringLiteral("Ratón"), QString(), Prioridad::Baja}, nullptr, none);
        }) << QByteArray("POST") << "/tickets"
                                                    << QJsonObject{{"usuario_id", fx::text(fx::marta)},
                                                                   {"titulo", "Ratón"},
                                                                   {"descripcion", ""},
                                                                   {"prioridad", "baja"}};
        QTest::newRow("change estado") << std::function<void(ApiClient &)>([none](ApiClient &c) {
            c.changeEstado(fx::ticket(5), Estado::Resuelto, nullptr, none);
        }) << QByteArray("PATCH") << "/tickets/" + t5 + "/estado?nuevo_estado=resuelto"
                                       << QJsonObject{};
        QTest::newRow("resumen") << std::function<void(ApiClient &)>([none](ApiClient &c) { c.resumen(nullptr, none); })
                                 << QByteArray("GET") << "/tickets/resumen" << QJsonObject{};
        QTest::newRow("interacciones") << std::function<void(ApiClient &)>([none](ApiClient &c) {
            c.interacciones(fx::ticket(5), nullptr, none);
        }) << QByteArray("GET") << "/tickets/" + t5 + "/interacciones?limit=1000"
                                       << QJsonObject{};
        QTest::newRow("create interaccion")
            << std::function<void(ApiClient &)>([none](ApiClient &c) {
                   c.createInteraccion({fx::ticket(5), QUuid(), TipoInteraccion::NotaInterna, QStringLiteral("Ojo")},
                                       nullptr, none);
               })
            << QByteArray("POST") << "/interacciones"
            << QJsonObject{{"ticket_id", fx::text(fx::ticket(5))}, {"tipo", "nota_interna"}, {"contenido", "Ojo"}};
        QTest::newRow("usuarios, all") << std::function<void(ApiClient &)>([none](ApiClient &c) {
            c.usuarios(std::nullopt, 0, 1000, nullptr, none);
        }) << QByteArray("GET") << "/usuarios?skip=0&limit=1000"
                                       << QJsonObject{};
        QTest::newRow("usuarios, inactive")
            << std::function<void(ApiClient &)>([none](ApiClient &c) { c.usuarios(false, 20, 10, nullptr, none); })
            << QByteArray("GET") << "/usuarios?skip=20&limit=10&activo=false" << QJsonObject{};
        QTest::newRow("create usuario") << std::function<void(ApiClient &)>([none](ApiClient &c) {
            c.createUsuario({QStringLiteral("pablo.sanz@example.com"), QStringLiteral("Pablo Sanz"), Rol::Soporte,
                             QStringLiteral("otra-clave-larga")},
                            nullptr, none);
        }) << QByteArray("POST") << "/usuarios"
                                        << QJsonObject{{"email", "pablo.sanz@example.com"},
                                                       {"nombre", "Pablo Sanz"},
                                                       {"rol", "soporte"},
                                                       {"password", "otra-clave-larga"}};
        QTest::newRow("update usuario: only what changes") << std::function<void(ApiClient &)>([none](ApiClient &c) {
            UsuarioUpdate changes;
            changes.rol = Rol::Admin;
            c.updateUsuario(fx::ana, changes, nullptr, none);
        }) << QByteArray("PATCH") << "/usuarios/" + fx::text(fx::ana)
                                                           << QJsonObject{{"rol", "admin"}};
        QTest::newRow("deactivate usuario")
            << std::function<void(ApiClient &)>([none](ApiClient &c) { c.deactivateUsuario(fx::luis, nullptr, none); })
            << QByteArray("DELETE") << "/usuarios/" + fx::text(fx::luis) << QJsonObject{};
        QTest::newRow("notificaciones") << std::function<void(ApiClient &)>([none](ApiClient &c) {
            c.notificaciones(fx::ana, true, nullptr, none);
        }) << QByteArray("GET") << "/notificaciones?usuario_id=" + fx::text(fx::ana) + "&solo_no_leidas=true"
                                        << QJsonObject{};
        QTest::newRow("eventos") << std::function<void(ApiClient &)>(
                                        [none](ApiClient &c) { c.eventsSince(40, 1000, nullptr, none); })
                                 << QByteArray("GET") << "/eventos?since=40&limit=1000" << QJsonObject{};
        QTest::newRow("health") << std::function<void(ApiClient &)>([none](ApiClient &c) { c.health(nullptr, none); })
                                << QByteArray("GET") << "/health" << QJsonObject{};
    }

    void everyCallAsksForWhatTheServerServes()
    {
        QFETCH(std::function<void(ApiClient &)>, call);
        QFETCH(QByteArray, method);
        QFETCH(QString, pathAndQuery);
        QFETCH(QJsonObject, body);
        call(rig->api);
        QCOMPARE(rig->transport.requests().size(), 1);
        const ApiRequest request = rig->transport.last();
        QCOMPARE(request.method, method);
        QCOMPARE(request.pathAndQuery, pathAndQuery);
        QCOMPARE(request.server, fx::server);
        QCOMPARE(bodyOf(request), body);
        QCOMPARE(request.header("Content-Type").isEmpty(), body.isEmpty());
    }

    void everyRequestCarriesAnIdAndTheToken()
    {
        const auto none = [](auto) {};
        rig->api.me(nullptr, none);
        rig->api.setToken("tok-ana-0123456789");
        rig->api.me(nullptr, none);
        rig->api.health(nullptr, none);
        const QList<ApiRequest> requests = rig->transport.requests();
        QCOMPARE(requests.size(), 3);
        QVERIFY(requests[0].header("Authorization").isEmpty()); // no session yet: no header at all
        QCOMPARE(requests[1].header("Authorization"), QByteArray("Bearer tok-ana-0123456789"));
        QCOMPARE(requests[2].header("Authorization"), QByteArray("Bearer tok-ana-0123456789"));
        QSet<QByteArray> ids;
        for (const ApiRequest &request : requests) {
            QCOMPARE(request.header("Accept"), QByteArray("application/json"));
            const QByteArray id = request.header("X-Request-ID");
            QVERIFY2(
                QRegularExpression(QStringLiteral("^desk-[0-9a-f]{16}$")).match(QString::fromLatin1(id)).hasMatch(),
                id.constData());
            ids.insert(id);
        }
        QCOMPARE(ids.size(), 3); // one per request
    }

    void aServerBehindAPathPrefixKeepsIt()
    {
        rig->api.setBaseUrl(QUrl(QStringLiteral("https://soporte.example/api/")));
        rig->api.setToken("tok");
        rig->api.me(nullptr, [](auto) {});
        QCOMPARE(rig->transport.last().server, QUrl(QStringLiteral("https://soporte.example/api")));
        QCOMPARE(rig->api.liveUrl(), QUrl(QStringLiteral("wss://soporte.example/api/ws/eventos")));
        rig->api.setBaseUrl(fx::server);
        QCOMPARE(rig->api.liveRequest().url(), QUrl(QStringLiteral("ws://soporte.test/ws/eventos")));
        QCOMPARE(rig->api.liveRequest().rawHeader("Authorization"), QByteArray("Bearer tok"));
        rig->api.setToken({});
        QCOMPARE(rig->api.liveUrl(), QUrl(QStringLiteral("ws://soporte.test/ws/eventos")));
        QVERIFY(!rig->api.liveRequest().hasRawHeader("Authorization"));
    }

    void listsBecomePagesWithTheirTotal()
    {
        rig->transport.on("GET", "/tickets?skip=0&limit=3", "tickets_page_1");
        rig->transport.on("GET", "/tickets?skip=0&limit=1", "tickets_capped");
        FixtureReply bareReply = FixtureReply::load("tickets_page_1");
        bareReply.headers.clear(); // a proxy that drops X-Total-Count
        rig->transport.on("GET", "/tickets?skip=0&limit=9", bareReply);
        const auto page =
            answer<protocol::Page<Ticket>>([this](QObject *c, auto done) { rig->api.tickets({}, 0, 3, c, done); });
        QVERIFY(page.ok());
        QCOMPARE(page.value->items.size(), 3);
        QCOMPARE(page.value->total, 5);
        QVERIFY(!page.value->totalCapped);
        const Ticket &first = page.value->items.first();
        QCOMPARE(first.id, fx::ticket(5));
        QCOMPARE(first.titulo, QStringLiteral("La impresora no imprime"));
        QCOMPARE(first.estado, Estado::Abierto);
        QCOMPARE(first.prioridad, Prioridad::Critica);
        QCOMPARE(first.usuarioId, fx::marta);
        QCOMPARE(first.fechaCreacion, QDateTime(QDate(2026, 2, 5), QTime(8, 0), Qt::UTC));

        const auto capped =
            answer<protocol::Page<Ticket>>([this](QObject *c, auto done) { rig->api.tickets({}, 0, 1, c, done); });
        QCOMPARE(capped.value->total, 10000);
        QVERIFY(capped.value->totalCapped);
        // No X-Total-Count: the page counts itself.
        const auto bare =
            answer<protocol::Page<Ticket>>([this](QObject *c, auto done) { rig->api.tickets({}, 0, 9, c, done); });
        QVERIFY(bare.ok());
        QCOMPARE(bare.value->total, 3);
        QVERIFY(rig->transport.unmatched().isEmpty());
    }

    void answersBecomeTypedValues()
    {
        rig->transport.on("POST", "/auth/login", "login_ana");
        rig->transport.on(
            "PATCH", "/tickets/" + fx::text(fx::ticket(5)) + "/estado",
            FixtureReply::json(200, QJsonObject{{"mensaje", "Estado actualizado"}, {"estado", "resuelto"}}));
        rig->transport.on("GET", "/tickets/resumen", "resumen");
        rig->transport.on("GET", "/eventos", "eventos_since_40");
        rig->transport.on("GET", "/usuarios", "usuarios");

        const auto login = answer<LoginResult>([this](QObject *c, auto done) {
            rig->api.login({"ana.garcia@example.com", "x"}, c, done);
        });
        QCOMPARE(login.value->accessToken, QStringLiteral("tok-ana-0123456789"));
        QCOMPARE(login.value->usuario.nombre, QStringLiteral("Ana García"));
        QCOMPARE(login.value->usuario.rol, Rol::Soporte);

        const auto estado = answer<Estado>(
            [this](QObject *c, auto done) { rig->api.changeEstado(fx::ticket(5), Estado::Resuelto, c, done); });
        QCOMPARE(*estado.value, Estado::Resuelto);

        const auto resumen = answer<TicketResumen>([this](QObject *c, auto done) { rig->api.resumen(c, done); });
        QCOMPARE(resumen.value->total, 5);
        QCOMPARE(resumen.value->porEstado.value(Estado::Abierto), 3);
        QCOMPARE(resumen.value->porPrioridad.value(Prioridad::Critica), 1);

        const auto batch =
            answer<EventBatch>([this](QObject *c, auto done) { rig->api.eventsSince(40, 1000, c, done); });
        QCOMPARE(batch.value->events.size(), 2);
        QCOMPARE(batch.value->events[0].evento, events::evento::ticketCreado);
        QCOMPARE(batch.value->events[1].seq, 43);
        QCOMPARE(batch.value->lastSeq, 44); // X-Last-Seq: the server scanned past what it may show

        const auto usuarios = answer<protocol::Page<Usuario>>(
            [this](QObject *c, auto done) { rig->api.usuarios(std::nullopt, 0, 1000, c, done); });
        QCOMPARE(usuarios.value->items.size(), 4);
        QCOMPARE(usuarios.value->items.first().activo, false);
        QCOMPARE(usuarios.value->items.last().rol, Rol::Admin);
    }

    void healthFiguresAreTyped()
    {
        rig->transport.on("GET", "/health", "health_admin");
        rig->transport.on("GET", "/health", "health_redis_down");
        rig->transport.on("GET", "/health", "health_short");
        const auto admin = answer<HealthStatus>([this](QObject *c, auto done) { rig->api.health(c, done); });
        QVERIFY(admin.value->ok);
        QCOMPARE(admin.value->database, QStringLiteral("ok"));
        QVERIFY(admin.value->figures);
        const HealthFigures &f = *admin.value->figures;
        QCOMPARE(f.version, QStringLiteral("0.1.0"));
        QCOMPARE(f.uptimeSeconds, 3725);
        QCOMPARE(f.databaseMs, 0.8);
        QCOMPARE(f.redisMs, 0.3);
        QCOMPARE(f.queuePending, 4);
        QCOMPARE(f.queueInProgress, 1);
        QCOMPARE(f.queueFailed, 0);
        QCOMPARE(f.outboxPending, 2);
        QCOMPARE(f.workersAlive, 1);
        QCOMPARE(f.liveClients, 3);
        QCOMPARE(f.lastHeartbeat, QDateTime(QDate(2026, 2, 6), QTime(9, 59, 58), Qt::UTC));

        const auto degraded = answer<HealthStatus>([this](QObject *c, auto done) { rig->api.health(c, done); });
        QVERIFY(!degraded.value->ok);
        QCOMPARE(degraded.value->redis, QStringLiteral("error: Connection refused"));
        QVERIFY(!degraded.value->figures->redisMs);      // Redis down: no latency, not a zero
        QVERIFY(!degraded.value->figures->queuePending); // nor queue figures
        QCOMPARE(degraded.value->figures->outboxPending, 12);
        QVERIFY(!degraded.value->figures->lastHeartbeat.isValid());

        const auto shortShape = answer<HealthStatus>([this](QObject *c, auto done) { rig->api.health(c, done); });
        QVERIFY(shortShape.value->ok);
        QVERIFY(!shortShape.value->figures); // not an admin: the contract's shape only
    }

    void failuresBecomeErrorsAPersonCanRead_data()
    {
        QTest::addColumn<FixtureReply>("reply");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("fields");
        const auto k = [](ApiError::Kind kind) { return static_cast<int>(kind); };
        QTest::newRow("400") << FixtureReply::error(400, QStringLiteral("La petición no es válida"))
                             << k(ApiError::Kind::Other) << 400 << "La petición no es válida" << 0;
        QTest::newRow("401") << FixtureReply::load("not_authenticated") << k(ApiError::Kind::Unauthorized) << 401
                             << "Not authenticated" << 0;
        QTest::newRow("403") << FixtureReply::load("forbidden") << k(ApiError::Kind::Forbidden) << 403
                             << "No tiene permiso para esta acción" << 0;
        QTest::newRow("404") << FixtureReply::load("ticket_not_found") << k(ApiError::Kind::NotFound) << 404
                             << "Ticket no encontrado" << 0;
        QTest::newRow("409") << FixtureReply::error(409, QStringLiteral("Conflicto")) << k(ApiError::Kind::Other) << 409
                             << "Conflicto" << 0;
        QTest::newRow("422") << FixtureReply::load("usuario_422") << k(ApiError::Kind::Validation) << 422
                             << "value is not a valid email address: An email address must have an @-sign." << 2;
        QTest::newRow("429") << FixtureReply::load("login_throttled") << k(ApiError::Kind::Throttled) << 429
                             << "Demasiados intentos fallidos. Inténtelo de nuevo más tarde." << 0;
        QTest::newRow("500") << FixtureReply::load("server_error") << k(ApiError::Kind::Server) << 500
                             << "Internal Server Error" << 0;
        QTest::newRow("502 without a body")
            << FixtureReply::json(502, QJsonValue()) << k(ApiError::Kind::Server) << 502 << "HTTP 502" << 0;
        QTest::newRow("503") << FixtureReply::load("database_unavailable") << k(ApiError::Kind::Server) << 503
                             << "Base de datos no disponible" << 0;
        QTest::newRow("no answer") << FixtureReply::unreachable(QStringLiteral("Connection refused"))
                                   << k(ApiError::Kind::Network) << 0 << "Connection refused" << 0;
        QTest::newRow("200 that is not ours") << FixtureReply::load("not_json") << k(ApiError::Kind::Other) << 200
                                              << "Respuesta del servidor no reconocida" << 0;
    }

    void failuresBecomeErrorsAPersonCanRead()
    {
        QFETCH(FixtureReply, reply);
        QFETCH(int, kind);
        QFETCH(int, status);
        QFETCH(QString, message);
        QFETCH(int, fields);
        rig->transport.on("GET", "/auth/me", reply);
        const auto result = answer<Usuario>([this](QObject *c, auto done) { rig->api.me(c, done); });
        QVERIFY(!result.ok());
        QCOMPARE(static_cast<int>(result.error.kind), kind);
        QCOMPARE(result.error.status, status);
        QCOMPARE(result.error.message, message);
        QCOMPARE(result.error.fields.size(), fields);
    }

    void aValidationErrorKeepsItsFields()
    {
        rig->transport.on("POST", "/usuarios", "usuario_422");
        const auto result = answer<Usuario>([this](QObject *c, auto done) {
            rig->api.createUsuario({QStringLiteral("ana"), QString(), Rol::Usuario, std::nullopt}, c, done);
        });
        QCOMPARE(result.error.fields.size(), 2);
        QCOMPARE(result.error.fields[0].loc, (QJsonArray{"body", "email"}));
        QCOMPARE(result.error.fields[1].type, QStringLiteral("string_too_short"));
        QCOMPARE(result.error.fields[1].ctx.value("min_length").toInt(), 1);
    }

    void aRefusedTokenEndsTheSession()
    {
        rig->transport.on("POST", "/auth/login", "login_wrong_password");
        rig->transport.on("GET", "/auth/me", "not_authenticated");
        QSignalSpy expired(&rig->api, &ApiClient::sessionExpired);
        // A wrong password is not an expired session.
        answer<LoginResult>([this](QObject *c, auto done) {
            rig->api.login({"ana.garcia@example.com", "mala"}, c, done);
        });
        QCOMPARE(expired.size(), 0);
        rig->api.setToken("tok-caducado");
        answer<Usuario>([this](QObject *c, auto done) { rig->api.me(c, done); });
        QCOMPARE(expired.size(), 1);
    }

    void reachabilityIsToldWhenItChanges()
    {
        rig->transport.on("GET", "/health", FixtureReply::unreachable(QStringLiteral("Host soporte.test not found")));
        rig->transport.on("GET", "/health", FixtureReply::unreachable(QStringLiteral("Host soporte.test not found")));
        rig->transport.on("GET", "/health", "health_short");
        QSignalSpy reachability(&rig->api, &ApiClient::reachabilityChanged);
        answer<HealthStatus>([this](QObject *c, auto done) { rig->api.health(c, done); });
        QCOMPARE(reachability.size(), 1);
        QCOMPARE(reachability.at(0).at(0).toBool(), false);
        QCOMPARE(reachability.at(0).at(1).toString(), QStringLiteral("Host soporte.test not found"));
        answer<HealthStatus>([this](QObject *c, auto done) { rig->api.health(c, done); });
        QCOMPARE(reachability.size(), 1); // still down: said once
        answer<HealthStatus>([this](QObject *c, auto done) { rig->api.health(c, done); });
        QCOMPARE(reachability.size(), 2);
        QCOMPARE(reachability.at(1).at(0).toBool(), true);
    }

    void aClosedViewNeverHearsBack()
    {
        rig->transport.on("GET", "/auth/me", "me_ana");
        bool heard = false;
        auto *view = new QObject;
        rig->api.me(view, [&heard](Result<Usuario>) { heard = true; });
        delete view;
        QTest::qWait(20);
        QVERIFY(!heard);
        // The same call with a live context is answered.
        QObject open;
        rig->api.me(&open, [&heard](Result<Usuario>) { heard = true; });
        QTRY_VERIFY(heard);
    }
};

QTEST_GUILESS_MAIN(TestClientApi)
#include "tst_client_api.moc"
