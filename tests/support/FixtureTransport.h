#pragma once
// An ApiTransport that answers from JSON fixtures instead of a server and records every request
// it gets (Tokodon's MockAccount): a test says what a method and path answer, drives a model or
// core object, then checks what a person would see and what was asked. Answers arrive on a later
// turn of the event loop, as a real reply does, or only when the test releases them (hold()),
// to play late and out-of-order answers. A request nobody registered answers 404 and is listed
// in unmatched(), so a test that forgot one fails visibly.
//
// A fixture file, tests/fixtures/json/NAME.json, is one answer:
//   {"status": 200, "headers": {"X-Total-Count": "5"}, "body": <any JSON>}

#include "core/ApiTransport.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPointer>

namespace tickets::test {

using client::ApiReply;
using client::ApiRequest;

struct FixtureReply
{
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body; // sent as is
    QString networkError;
    double elapsedMs = 0;

    // tests/fixtures/json/NAME.json; aborts the test run when it is missing or malformed.
    static FixtureReply load(const QString &name);
    static FixtureReply json(int status, const QJsonValue &body);
    // A FastAPI error body: {"detail": "..."} (or the field errors of a 422).
    static FixtureReply error(int status, const QJsonValue &detail);
    // No answer at all (server down, timeout): status 0.
    static FixtureReply unreachable(const QString &why = QStringLiteral("Connection refused"));

    FixtureReply &withHeader(const QByteArray &name, const QByteArray &value);
    QJsonObject object() const; // the body, when it is an object
    ApiReply toReply() const;
};

class FixtureTransport : public client::ApiTransport
{
public:
    // What `method` on `pathAndQuery` answers. With a query, only that exact request; without,
    // that path with any query (an exact registration wins). Several registrations for the same
    // request answer in turn, and the last one keeps answering.
    void on(const QByteArray &method, const QString &pathAndQuery, const FixtureReply &reply);
    void on(const QByteArray &method, const QString &pathAndQuery, const QString &fixture)
    {
        on(method, pathAndQuery, FixtureReply::load(fixture));
    }

    void send(const ApiRequest &request, QObject *context, Done done) override;

    const QList<ApiRequest> &requests() const { return m_requests; }
    // The requests to `path` (without query) with `method`, in order.
    QList<ApiRequest> requestsTo(const QByteArray &method, const QString &path) const;
    ApiRequest last() const { return m_requests.isEmpty() ? ApiRequest() : m_requests.last(); }
    QStringList unmatched() const { return m_unmatched; }
    void clearRequests() { m_requests.clear(); }

    // While held, answers wait for release().
    void hold(bool held) { m_held = held; }
    qsizetype pending() const { return m_pending.size(); }
    void release(qsizetype index = 0); // that waiting answer, now
    void releaseAll();

private:
    struct Route
    {
        QByteArray method;
        QString pathAndQuery;
        QList<FixtureReply> replies;
    };
    struct Waiting
    {
        QPointer<QObject> context;
        Done done;
        ApiReply reply;
    };
    FixtureReply answerTo(const ApiRequest &request);

    QList<Route> m_routes;
    QList<ApiRequest> m_requests;
    QStringList m_unmatched;
    QList<Waiting> m_pending;
    bool m_held = false;
};

} // namespace tickets::test

Q_DECLARE_METATYPE(tickets::test::FixtureReply)
