#include "controllers/MetaController.h"

#include "api/CorsPolicy.h"
#include "api/Replies.h"
#include "api/Request.h"
#include "domain/Timestamp.h"
#include "protocol/ErrorKind.h"
#include "protocol/Messages.h"
#include "protocol/Routes.h"

#include <QFile>
#include <QJsonDocument>

namespace tickets::server {

using protocol::Error;
namespace msg = protocol::msg;

namespace {
QByteArray resource(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Response html(const QString &path)
{
    return Response(200, QByteArrayLiteral("text/html; charset=utf-8"), resource(path));
}
} // namespace

QByteArray MetaController::openApiDocument()
{
    static const QByteArray document = [] {
        QByteArray text = resource(QStringLiteral(":/resources/openapi.json"));
        text.replace("@TICKETS_VERSION@", TICKETS_VERSION);
        return text;
    }();
    return document;
}

void MetaController::registerRoutes(Router &router)
{
    router.add("GET", protocol::route::debugCors, [this](Request &r) {
        r.access().require(Permission::SeeHealthDetails, msg::sinPermisoAdmin);
        return debugCors(r);
    });
    router.add(
        "GET", protocol::route::testCors, [this](Request &r) { return testCors(r); }, RouteAccess::Public);
    router.add(
        "GET", protocol::route::openApi,
        [](Request &) { return Response(200, QByteArrayLiteral("application/json"), openApiDocument()); },
        RouteAccess::Public);
    router.add(
        "GET", protocol::route::docs, [](Request &) { return html(QStringLiteral(":/resources/docs.html")); },
        RouteAccess::Public);
    router.add(
        "GET", protocol::route::redoc, [](Request &) { return html(QStringLiteral(":/resources/redoc.html")); },
        RouteAccess::Public);
}

Response MetaController::debugCors(Request &request)
{
    request.finish();
    const CorsSettings &settings = m_cors.settings();
    QJsonArray origins;
    for (const QString &origin : settings.origins)
        origins.append(origin);
    // As the original: the raw value as a string, and Python's name for its type.
    const QString raw = settings.fromEnvironment
                            ? settings.raw
                            : QString::fromUtf8(QJsonDocument(origins).toJson(QJsonDocument::Compact));
    return jsonResponse(QJsonObject{
        {QStringLiteral("cors_origins"), origins},
        {QStringLiteral("cors_origins_raw"), raw},
        {QStringLiteral("cors_origins_type"),
         settings.fromEnvironment ? QStringLiteral("str") : QStringLiteral("list")},
        {QStringLiteral("cors_origin_regex"), settings.originRegex},
        {QStringLiteral("message"), QStringLiteral("Si puedes ver esto desde el navegador, CORS está funcionando")},
        {QStringLiteral("cors_allow_all"), settings.allowAll},
    });
}

Response MetaController::testCors(Request &request)
{
    request.finish();
    return jsonResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                    {QStringLiteral("message"), QStringLiteral("CORS funcionando correctamente")},
                                    {QStringLiteral("timestamp"), currentTimestamp()}});
}

} // namespace tickets::server
