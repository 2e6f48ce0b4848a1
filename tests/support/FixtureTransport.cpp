#include "FixtureTransport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace tickets::test {

FixtureReply FixtureReply::load(const QString &name)
{
    QFile file(QStringLiteral(TICKETS_FIXTURES_DIR "/") + name + QStringLiteral(".json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("no fixture %s", qPrintable(file.fileName()));
    QJsonParseError problem{};
    const QJsonObject object = QJsonDocument::fromJson(file.readAll(), &problem).object();
    if (problem.error != QJsonParseError::NoError || !object.contains(QStringLiteral("body")))
        qFatal("fixture %s is not {status, headers, body}: %s", qPrintable(name), qPrintable(problem.errorString()));
    const QJsonValue body = object.value(QStringLiteral("body"));
    FixtureReply reply = json(object.value(QStringLiteral("status")).toInt(200), body);
    if (body.isString()) { // not JSON at all: an HTML error page, say
        reply = FixtureReply();
        reply.status = object.value(QStringLiteral("status")).toInt(200);
        reply.body = body.toString().toUtf8();
        reply.withHeader("Content-Type", "text/html");
    }
    const QJsonObject headers = object.value(QStringLiteral("headers")).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it)
        reply.withHeader(it.key().toLatin1(), it.value().toVariant().toString().toLatin1());
    return reply;
}

FixtureReply FixtureReply::json(int status, const QJsonValue &body)
{
    FixtureReply reply;
    reply.status = status;
    // An array or object as the document; a scalar through an array of one.
    if (body.isArray())
        reply.body = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    else if (body.isObject())
        reply.body = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    else if (!body.isNull() && !body.isUndefined())
        reply.body = QJsonDocument(QJsonArray{body}).toJson(QJsonDocument::Compact).chopped(1).mid(1);
    reply.withHeader("Content-Type", "application/json");
    return reply;
}

FixtureReply FixtureReply::error(int status, const QJsonValue &detail)
{
    return json(status, QJsonObject{{QStringLiteral("detail"), detail}});
}

FixtureReply FixtureReply::unreachable(const QString &why)
{
    FixtureReply reply;
    reply.status = 0;
    reply.networkError = why;
    return reply;
}

FixtureReply &FixtureReply::withHeader(const QByteArray &name, const QByteArray &value)
{
    headers.emplaceBack(name, value);
    return *this;
}

QJsonObject FixtureReply::object() const
{
    return QJsonDocument::fromJson(body).object();
}

ApiReply FixtureReply::toReply() const
{
    ApiReply reply;
    reply.status = status;
    reply.body = body;
    for (const auto &[name, value] : headers)
        reply.headers.insert(name.toLower(), value);
    reply.networkError = networkError;
    reply.elapsedMs = elapsedMs;
    return reply;
}

void FixtureTransport::on(const QByteArray &method, const QString &pathAndQuery, const FixtureReply &reply)
{
    for (Route &route : m_routes) {
        if (route.method == method && route.pathAndQuery == pathAndQuery) {
            route.replies.append(reply);
            return;
        }
    }
    m_routes.append({method, pathAndQuery, {reply}});
}

FixtureReply FixtureTransport::answerTo(const ApiRequest &request)
{
    Route *match = nullptr;
    for (Route &route : m_routes) {
        if (route.method != request.method)
            continue;
        if (route.pathAndQuery == request.pathAndQuery) {
            match = &route;
            break;
        }
        if (!match && route.pathAndQuery == request.path())
            match = &route;
    }
    if (!match) {
        m_unmatched << QString::fromLatin1(request.method) + u' ' + request.pathAndQuery;
        return FixtureReply::error(404, QStringLiteral("Not Found"));
    }
    return match->replies.size() > 1 ? match->replies.takeFirst() : match->replies.first();
}

void FixtureTransport::send(const ApiRequest &request, QObject *context, Done done)
{
    m_requests.append(request);
    const ApiReply reply = answerTo(request).toReply();
    if (m_held) {
        m_pending.append({context, std::move(done), reply});
        return;
    }
    // On a later turn of the event loop, and never once `context` is gone: as a network reply.
    QTimer::singleShot(0, context, [done = std::move(done), reply] { done(reply); });
}

QList<ApiRequest> FixtureTransport::requestsTo(const QByteArray &method, const QString &path) const
{
    QList<ApiRequest> found;
    for (const ApiRequest &request : m_requests) {
        if (request.method == method && request.path() == path)
            found.append(request);
    }
    return found;
}

void FixtureTransport::release(qsizetype index)
{
    if (index < 0 || index >= m_pending.size())
        qFatal("no waiting answer %lld", static_cast<long long>(index));
    const Waiting waiting = m_pending.takeAt(index);
    if (waiting.context)
        waiting.done(waiting.reply);
}

void FixtureTransport::releaseAll()
{
    while (!m_pending.isEmpty())
        release(0);
}

} // namespace tickets::test
