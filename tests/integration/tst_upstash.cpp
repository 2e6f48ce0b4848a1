// Upstash mode: the same cache, outbox delivery and live events over Upstash's REST protocol,
// against a small endpoint that speaks that protocol over the fixture's real Redis.

#include "ApiFixture.h"
#include "PrivateRedis.h"
#include "events/Events.h"
#include "redis/RedisClient.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>

using namespace tickets;
using namespace tickets::server;
using namespace tickets::test;

namespace {

server::RedisSettings fixtureRedis()
{
    return PrivateRedis::settingsFor(TestEnvironment::redisPort());
}

QJsonValue toJson(const RedisReply &reply)
{
    switch (reply.type) {
    case RedisReply::Type::String:
    case RedisReply::Type::Status: return QString::fromUtf8(reply.string);
    case RedisReply::Type::Integer: return reply.integer;
    case RedisReply::Type::Array: {
        QJsonArray array;
        for (const RedisReply &element : reply.elements)
            array.append(toJson(element));
        return array;
    }
    default: return QJsonValue::Null;
    }
}

// POST / with a JSON command array -> {"result": …}; POST /subscribe/<channel> -> event stream.
class UpstashEndpoint : public QTcpServer
{
public:
    explicit UpstashEndpoint(QByteArray token) : m_token(std::move(token)), m_redis(RedisClient::create(fixtureRedis()))
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { serve(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(serverPort()); }
    int commands = 0;

private:
    void serve(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = buffer.left(end);
            qint64 length = 0;
            QByteArray authorization;
            for (const QByteArray &line : head.split('\n')) {
                const QByteArray lower = line.toLower();
                if (lower.startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
                if (lower.startsWith("authorization:"))
                    authorization = line.mid(14).trimmed();
            }
            if (buffer.size() < end + 4 + length)
                return;
            const QByteArray path = head.split(' ').value(1);
            const QByteArray body = buffer.mid(end + 4, length);
            buffer.remove(0, end + 4 + length);
            if (authorization != "Bearer " + m_token) {
                reply(socket, 401, R"({"error":"Unauthorized"})");
                continue;
            }
            if (path.startsWith("/subscribe/")) {
                stream(socket, path.mid(11));
                return;
            }
            QList<QByteArray> arguments;
            for (const QJsonValue &value : QJsonDocument::fromJson(body).array())
                arguments << value.toString().toUtf8();
            ++commands;
            const RedisReply result = m_redis->command(arguments);
            if (result.isError())
                reply(socket, 400,
                      QJsonDocument(QJsonObject{{"error", QString::fromUtf8(result.string)}})
                          .toJson(QJsonDocument::Compact));
            else
                reply(socket, 200,
                      QJsonDocument(QJsonObject{{"result", toJson(result)}}).toJson(QJsonDocument::Compact));
        }
    }

    void reply(QTcpSocket *socket, int status, const QByteArray &json)
    {
        socket->write("HTTP/1.1 " + QByteArray::number(status) +
                      " X\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(json.size()) +
                      "\r\n\r\n" + json);
    }

    void stream(QTcpSocket *socket, const QByteArray &channel)
    {
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\r\n");
        auto *cli = new QProcess(socket);
        cli->start(QStringLiteral("redis-cli"),
                   {"-p", QString::number(TestEnvironment::redisPort()), "--raw", "SUBSCRIBE", channel});
        auto lines = std::make_shared<QList<QByteArray>>();
        connect(cli, &QProcess::readyReadStandardOutput, socket, [cli, socket, lines] {
            QByteArray text = cli->readAllStandardOutput();
            for (const QByteArray &line : text.split('\n')) {
                if (!line.isEmpty() || !lines->isEmpty())
                    lines->append(line);
                while (lines->size() >= 3) {
                    socket->write("data: " + lines->at(0) + ',' + lines->at(1) + ',' + lines->at(2) + "\n\n");
                    lines->remove(0, 3);
                }
            }
        });
    }

    QByteArray m_token;
    std::unique_ptr<RedisClient> m_redis;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace

class TestUpstash : public QObject
{
    Q_OBJECT
    UpstashEndpoint endpoint{"token-de-prueba"};
    std::unique_ptr<ApiFixture> f;
    std::unique_ptr<RedisClient> redis = RedisClient::create(fixtureRedis());

private Q_SLOTS:
    void initTestCase()
    {
        // REDIS_PORT points nowhere: everything Redis does must travel over the REST endpoint.
        f = std::make_unique<ApiFixture>(QStringLiteral("tst_upstash"),
                                         QMap<QString, QString>{{"UPSTASH_REDIS_REST_URL", endpoint.url()},
                                                                {"UPSTASH_REDIS_REST_TOKEN", "token-de-prueba"},
                                                                {"REDIS_PORT", "1"}});
        QVERIFY(f->start());
    }

    void healthCacheQueueAndEventsGoThroughUpstash()
    {
        const QJsonObject health = f->http().get("/health").object();
        QCOMPARE(health["services"].toObject()["redis"].toString(), QStringLiteral("ok"));
        QVERIFY(!f->server().log().contains("Redis unavailable"));

        QWebSocket live;
        QList<QByteArray> received;
        connect(&live, &QWebSocket::textMessageReceived, this, [&](const QString &m) { received << m.toUtf8(); });
        live.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws/eventos").arg(f->server().port())));
        QTRY_VERIFY(live.state() == QAbstractSocket::ConnectedState);
        QTRY_VERIFY_WITH_TIMEOUT(f->server().log().contains("subscribed to canal:batch:eventos through Upstash"), 5000);

        const QString usuario = f->createUsuario("upstash@example.com", "soporte");
        const QString ticket = f->createTicket(usuario, "Por REST");
        const HttpReply first = f->http().get("/tickets/" + ticket);
        QCOMPARE(redis->command({"GET", "ticket:" + ticket.toLatin1() + ":completo"}).string, first.body);
        QVERIFY(redis->command({"TTL", "ticket:" + ticket.toLatin1() + ":completo"}).integer > 890);

        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const RedisReply &task : redis->command({"LRANGE", events::kQueue, "0", "-1"}).elements) {
                    if (task.string.contains(ticket.toLatin1()))
                        return true;
                }
                return false;
            }(),
            5000);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QByteArray &m : received) {
                    if (m.contains(ticket.toLatin1()) && m.contains("ticket_creado"))
                        return true;
                }
                return false;
            }(),
            5000);
        QVERIFY(endpoint.commands > 0);
        QCOMPARE(f->db().scalar("SELECT count(*) FROM outbox WHERE entregado IS NULL").toInt(), 0);
    }

    void aWrongTokenDegradesHealthOnly()
    {
        ServerProcess server;
        QVERIFY(server.start(
            f->db().url(),
            {{"UPSTASH_REDIS_REST_URL", endpoint.url()}, {"UPSTASH_REDIS_REST_TOKEN", "otro"}, {"REDIS_PORT", "1"}}));
        HttpClient http(server.url());
        const QJsonObject health = http.get("/health").object();
        QCOMPARE(health["status"].toString(), QStringLiteral("degraded"));
        QVERIFY2(health["services"].toObject()["redis"].toString().contains("Unauthorized"),
                 qPrintable(health["services"].toObject()["redis"].toString()));
        QCOMPARE(http.get("/usuarios").status, 200);
    }
};

QTEST_GUILESS_MAIN(TestUpstash)
#include "tst_upstash.moc"
