// /openapi.json stays in step with the router, with the paths the desktop client calls
// (protocol::route, shared by both) and with tickets_common's rules.

#include "ApiFixture.h"
#include "api/CorsPolicy.h"
#include "app/Api.h"
#include "app/ServerRuntime.h"
#include "controllers/MetaController.h"
#include "domain/Interaccion.h"
#include "domain/Respuesta.h"
#include "domain/Ticket.h"
#include "domain/Usuario.h"
#include "protocol/Routes.h"
#include "redis/RedisClient.h"
#include "storage/Database.h"

#include <QJsonDocument>

using namespace tickets;
using namespace tickets::server;
using namespace tickets::test;

namespace {
// Served but, as in FastAPI, not part of the schema.
const QSet<QString> kUndocumented{"GET /openapi.json", "GET /docs", "GET /redoc"};

// value["a"]["b"]... without QJsonValueRef's overload ambiguities.
QJsonValue dig(QJsonValue value, std::initializer_list<QString> keys)
{
    for (const QString &key : keys)
        value = value.toObject().value(key);
    return value;
}

QJsonObject document()
{
    return QJsonDocument::fromJson(MetaController::openApiDocument()).object();
}

QStringList schemaEnum(const QString &name)
{
    QStringList values;
    for (const QJsonValue &v : dig(document(), {"components", "schemas", name, "enum"}).toArray())
        values << v.toString();
    return values;
}
} // namespace

class TestOpenApi : public QObject
{
    Q_OBJECT
    ApiFixture f{QStringLiteral("tst_openapi")};

private Q_SLOTS:
    void initTestCase() { QVERIFY(f.start()); }

    void everyRouteIsDocumentedAndEveryDocumentedRouteExists()
    {
        Database database(DatabaseSettings{}, QStringLiteral("openapi-probe"));
        const auto redis = RedisClient::create(RedisSettings{});
        const Config config;
        ServerRuntime runtime(config);
        Api api(database, *redis, runtime);
        QSet<QString> routed;
        for (const RouteInfo &route : api.router().routes())
            routed << QString::fromLatin1(route.method) + u' ' + route.pattern;

        QSet<QString> documented;
        const QJsonObject paths = document().value("paths").toObject();
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            for (const QString &method : path.value().toObject().keys())
                documented << method.toUpper() + u' ' + path.key();
        }
        QCOMPARE(routed - kUndocumented, documented);
        QVERIFY(routed.contains(kUndocumented));

        // The document says which routes need no token exactly as the router does.
        QSet<QString> publicRoutes;
        for (const RouteInfo &route : api.router().routes()) {
            if (route.access == RouteAccess::Public)
                publicRoutes << QString::fromLatin1(route.method) + u' ' + route.pattern;
        }
        QSet<QString> documentedPublic;
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            const QJsonObject methods = path.value().toObject();
            for (auto method = methods.begin(); method != methods.end(); ++method) {
                const QJsonValue security = method.value().toObject().value("security");
                if (security.isArray() && security.toArray().isEmpty())
                    documentedPublic << method.key().toUpper() + u' ' + path.key();
            }
        }
        QCOMPARE(publicRoutes - kUndocumented, documentedPublic);
    }

    // The client builds every path from protocol::route: each pattern there is a documented path.
    void everySharedRouteIsDocumented()
    {
        const QJsonObject paths = document().value("paths").toObject();
        const QStringList keys = paths.keys();
        QSet<QString> documented(keys.cbegin(), keys.cend());
        for (const QString &path : kUndocumented)
            documented << path.section(u' ', 1);
        for (const QString &pattern : protocol::route::all())
            QVERIFY2(documented.contains(pattern), qPrintable(pattern + " is not in /openapi.json"));
        QCOMPARE(protocol::route::fill(protocol::route::ticketEstado, {QStringLiteral("a b")}),
                 QStringLiteral("/tickets/a%20b/estado"));
    }

    void schemasFollowTheSharedRules()
    {
        QCOMPARE(schemaEnum("Rol"), enumStrings<Rol>());
        QCOMPARE(schemaEnum("Estado"), enumStrings<Estado>());
        QCOMPARE(schemaEnum("Prioridad"), enumStrings<Prioridad>());
        QCOMPARE(schemaEnum("TipoInteraccion"), enumStrings<TipoInteraccion>());
        const QJsonObject schemas = dig(document(), {"components", "schemas"}).toObject();
        QCOMPARE(dig(schemas, {"TicketCreate", "properties", "titulo", "maxLength"}).toInt(), rules::titulo.maxLength);
        QCOMPARE(dig(schemas, {"TicketCreate", "properties", "descripcion", "maxLength"}).toInt(),
                 rules::descripcion.maxLength);
        QCOMPARE(dig(schemas, {"UsuarioCreate", "properties", "nombre", "maxLength"}).toInt(), rules::nombre.maxLength);
        QCOMPARE(dig(schemas, {"InteraccionCreate", "properties", "contenido", "minLength"}).toInt(),
                 rules::contenido.minLength);
        // Response schemas list exactly the fields the server returns.
        const Ticket ticket{QUuid::createUuid(),
                            QUuid::createUuid(),
                            "t",
                            "d",
                            Estado::Abierto,
                            Prioridad::Media,
                            {},
                            {},
                            1,
                            {},
                            {},
                            1};
        const QStringList returned = ticket.toJson().keys();
        QCOMPARE(returned, dig(schemas, {"TicketResponse", "properties"}).toObject().keys());
    }

    void servedWithTheVersionAndItsPages()
    {
        const HttpReply reply = f.http().get("/openapi.json");
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
        QCOMPARE(dig(reply.object(), {"info", "version"}).toString(), QStringLiteral(TICKETS_VERSION));
        QVERIFY(reply.object()["openapi"].toString().startsWith("3."));
        const HttpReply docs = f.http().get("/docs");
        QCOMPARE(docs.status, 200);
        QVERIFY(docs.header("content-type").startsWith("text/html"));
        QVERIFY(docs.body.contains("swagger-ui") && docs.body.contains("/openapi.json"));
        const HttpReply redoc = f.http().get("/redoc");
        QVERIFY(redoc.body.contains("redoc") && redoc.body.contains("/openapi.json"));
    }

    void everyDocumentedOperationIsServed()
    {
        const QJsonObject paths = document().value("paths").toObject();
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            QString concrete = path.key();
            concrete.replace("{usuario_id}", "550e8400-e29b-41d4-a716-446655440000");
            concrete.replace("{ticket_id}", "550e8400-e29b-41d4-a716-446655440001");
            for (const QString &method : path.value().toObject().keys()) {
                const HttpReply reply =
                    f.http().send(method.toUpper().toLatin1(), concrete, "{}", {{"Content-Type", "application/json"}});
                QVERIFY2(reply.status != 405 && reply.object().value("detail") != QJsonValue("Not Found"),
                         qPrintable(method + u' ' + concrete));
                QVERIFY2(reply.status < 500, qPrintable(method + u' ' + concrete));
                const QStringList documentedStatuses =
                    dig(path.value().toObject(), {method, "responses"}).toObject().keys();
                QVERIFY2(documentedStatuses.contains(QString::number(reply.status)),
                         qPrintable(method + u' ' + concrete + " answered an undocumented " +
                                    QString::number(reply.status)));
            }
        }
    }

    // Canned replies (issue 15): the limits and the response shape are the server's.
    void respuestaSchemasFollowTheSharedRules()
    {
        const QJsonObject schemas = dig(document(), {"components", "schemas"}).toObject();
        for (const QString &schema : {QStringLiteral("RespuestaCreate"), QStringLiteral("RespuestaUpdate")}) {
            QCOMPARE(dig(schemas, {schema, "properties", "titulo", "minLength"}).toInt(),
                     rules::tituloRespuesta.minLength);
            QCOMPARE(dig(schemas, {schema, "properties", "titulo", "maxLength"}).toInt(),
                     rules::tituloRespuesta.maxLength);
            QCOMPARE(dig(schemas, {schema, "properties", "contenido", "minLength"}).toInt(),
                     rules::contenidoRespuesta.minLength);
            QCOMPARE(dig(schemas, {schema, "properties", "contenido", "maxLength"}).toInt(),
                     rules::contenidoRespuesta.maxLength);
        }
        const Respuesta respuesta{1, "t", "c", false, QUuid::createUuid(), {}, {}};
        QCOMPARE(respuesta.toJson().keys(), dig(schemas, {"RespuestaResponse", "properties"}).toObject().keys());
        QStringList required = dig(schemas, {"RespuestaResponse", "required"}).toVariant().toStringList();
        required.sort();
        QCOMPARE(respuesta.toJson().keys(), required); // every field, autor_id (maybe null) included
    }
};

QTEST_GUILESS_MAIN(TestOpenApi)
#include "tst_openapi.moc"
