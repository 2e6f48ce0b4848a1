// Scale-out end to end: three instances behind the packaged nginx site, on one PostgreSQL and
// one Redis (and, in the ".pgbouncer" run, through PgBouncer in transaction mode). Writes go
// through every instance and through nginx; every live client of every instance sees every
// event exactly once, and every instance answers the same lists and counts as PostgreSQL.

#include "ApiFixture.h"
#include "LiveSocket.h"
#include "events/Events.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <memory>

using namespace tickets;
using namespace tickets::test;

namespace {

// Debian's nginx with the packaged site (installer/nginx/tickets.conf), its upstream pointed at
// our instances, listening on a free loopback port; stopped with the suite.
class Nginx
{
public:
    bool start(const QList<int> &upstreams)
    {
        if (!m_dir.isValid())
            return false;
        QFile site(qEnvironmentVariable("TICKETS_SOURCE_DIR") + QStringLiteral("/installer/nginx/tickets.conf"));
        if (!site.open(QIODevice::ReadOnly))
            return false;
        QString text = QString::fromUtf8(site.readAll());
        QStringList servers;
        for (int port : upstreams)
            servers << QStringLiteral("    server 127.0.0.1:%1 max_fails=3 fail_timeout=10s;").arg(port);
        static const QRegularExpression packaged(QStringLiteral("    server 127\\.0\\.0\\.1:800[0-9][^\\n]*\\n"));
        const qsizetype first = text.indexOf(packaged);
        if (first < 0)
            return false;
        text.remove(packaged);
        text.insert(first, servers.join(u'\n') + u'\n');
        m_port = freePort();
        text.replace(QStringLiteral("listen 80;"), QStringLiteral("listen 127.0.0.1:%1;").arg(m_port));
        text.remove(QStringLiteral("listen [::]:80;"));
        text.replace(QStringLiteral("/var/log/nginx/access.log"), m_dir.filePath(QStringLiteral("access.log")));
        const QString path = m_dir.path();
        if (!write(QStringLiteral("tickets.conf"), text) ||
            !write(QStringLiteral("nginx.conf"),
                   QStringLiteral("worker_processes 1;\ndaemon off;\npid %1/nginx.pid;\nerror_log %1/error.log;\n"
                                  "events { worker_connections 512; }\nhttp {\n    access_log off;\n"
                                  "    client_body_temp_path %1/body;\n    proxy_temp_path %1/proxy;\n"
                                  "    include %1/tickets.conf;\n}\n")
                       .arg(path)))
            return false;
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(QStringLiteral("nginx"), {QStringLiteral("-c"), m_dir.filePath(QStringLiteral("nginx.conf"))});
        if (!m_process.waitForStarted(5000))
            return false;
        HttpClient http(url());
        QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired()) {
            if (http.get(QStringLiteral("/health/ready")).status == 200)
                return true;
            QTest::qWait(100);
        }
        qWarning() << m_process.readAll();
        return false;
    }
    ~Nginx()
    {
        m_process.terminate();
        m_process.waitForFinished(5000);
    }
    int port() const { return m_port; }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }

private:
    bool write(const QString &name, const QString &text)
    {
        QFile file(m_dir.filePath(name));
        return file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) > 0;
    }

    QTemporaryDir m_dir{QDir(TestEnvironment::dataDir()).filePath(QStringLiteral("nginx-XXXXXX"))};
    QProcess m_process;
    int m_port = 0;
};

// How many of `client`'s messages are the event `evento` about `id`.
int count(const LiveSocket &client, const QString &evento, const QString &id)
{
    int n = 0;
    for (const QByteArray &payload : client.messagesAbout(id)) {
        const auto event = events::Event::fromJson(payload);
        if (event && event->evento == evento)
            ++n;
    }
    return n;
}

} // namespace

class TestScaleOut : public QObject
{
    Q_OBJECT
    ApiFixture f{QStringLiteral("tst_scale_out")};
    ServerProcess second;
    ServerProcess third;
    Nginx nginx;
    QList<HttpClient *> instances;
    std::unique_ptr<HttpClient> second_http;
    std::unique_ptr<HttpClient> third_http;
    std::unique_ptr<HttpClient> proxy;
    QString usuario;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(f.start());
        QVERIFY(second.start(f.db().url()));
        QVERIFY(third.start(f.db().url()));
        QVERIFY2(nginx.start({f.server().port(), second.port(), third.port()}), "nginx with the packaged site");
        second_http = std::make_unique<HttpClient>(second.url());
        third_http = std::make_unique<HttpClient>(third.url());
        proxy = std::make_unique<HttpClient>(nginx.url());
        instances = {&f.http(), second_http.get(), third_http.get()};
        usuario = f.createUsuario(QStringLiteral("escala@example.com"), QStringLiteral("soporte"));
        QVERIFY(!usuario.isEmpty());
    }

    void everyClientOfEveryInstanceSeesEveryEventOnce()
    {
        // Three clients on each instance, and two through nginx (on whichever it picks).
        std::vector<std::unique_ptr<LiveSocket>> clients;
        for (int port : {f.server().port(), second.port(), third.port()})
            for (int i = 0; i < 3; ++i)
                clients.push_back(std::make_unique<LiveSocket>(port));
        for (int i = 0; i < 2; ++i)
            clients.push_back(std::make_unique<LiveSocket>(nginx.port()));
        for (const auto &client : clients)
            QVERIFY(client->waitConnected());
        QTRY_COMPARE(f.http().get("/health").object()["clientes_en_vivo"].toInt() +
                         second_http->get("/health").object()["clientes_en_vivo"].toInt() +
                         third_http->get("/health").object()["clientes_en_vivo"].toInt(),
                     11);

        // 10 tickets through each instance and 10 through nginx; each changes state through
        // the next instance, and gets a comment through nginx.
        QList<HttpClient *> writers = instances;
        writers << proxy.get();
        QStringList tickets;
        for (int i = 0; i < 40; ++i) {
            const HttpReply reply =
                writers[i % 4]->post("/tickets", QJsonObject{{"usuario_id", usuario},
                                                             {"titulo", QStringLiteral("Escala %1").arg(i)},
                                                             {"descripcion", "d"}});
            QCOMPARE(reply.status, 200);
            tickets << reply.object()["id"].toString();
        }
        for (int i = 0; i < tickets.size(); ++i) {
            QCOMPARE(writers[(i + 1) % 4]
                         ->patch(QStringLiteral("/tickets/%1/estado?nuevo_estado=en_proceso&usuario_id=%2")
                                     .arg(tickets[i], usuario))
                         .status,
                     200);
            QCOMPARE(
                proxy->post("/interacciones", QJsonObject{{"ticket_id", tickets[i]}, {"contenido", "visto"}}).status,
                200);
        }

        // Every event reaches every client, whichever instance wrote it and whichever the
        // client is connected to...
        for (const auto &client : clients)
            QTRY_COMPARE_WITH_TIMEOUT(client->messagesAbout(tickets.last()).size(), 3, 10000);
        // ...exactly once: the three relays share the outbox, each row is published one time.
        QTest::qWait(500);
        for (std::size_t c = 0; c < clients.size(); ++c) {
            for (const QString &ticket : tickets) {
                const QByteArray where =
                    QByteArray("client ") + QByteArray::number(qulonglong(c)) + " ticket " + ticket.toLatin1();
                QVERIFY2(count(*clients[c], QStringLiteral("ticket_creado"), ticket) == 1, where);
                QVERIFY2(count(*clients[c], QStringLiteral("ticket_actualizado"), ticket) == 1, where);
                QVERIFY2(count(*clients[c], QStringLiteral("interaccion_creada"), ticket) == 1, where);
            }
        }
        QCOMPARE(f.db().scalar(QStringLiteral("SELECT count(*) FROM outbox WHERE entregado IS NULL")).toInt(), 0);
    }

    void everyInstanceAnswersTheSameListsAndCounts()
    {
        const QVariantList expected = f.db().column(QStringLiteral(
            "SELECT id::text FROM tickets WHERE estado = 'en_proceso' ORDER BY fecha_creacion DESC, id DESC LIMIT 50"));
        const int total = f.db().scalar(QStringLiteral("SELECT count(*) FROM tickets")).toInt();
        QVERIFY(total >= 40);
        QList<HttpClient *> readers = instances;
        readers << proxy.get();
        QJsonObject firstResumen;
        for (HttpClient *reader : readers) {
            // Twice: the second answer may come from the cache the first one filled.
            for (int round = 0; round < 2; ++round) {
                const HttpReply list = reader->get(QStringLiteral("/tickets?estado=en_proceso&limit=50"));
                QCOMPARE(list.status, 200);
                QVariantList ids;
                for (const QJsonValue &row : list.array())
                    ids << row.toObject()["id"].toString();
                QCOMPARE(ids, expected);
                QCOMPARE(list.header("x-total-count").toInt(), expected.size());
                const QJsonObject resumen = reader->get(QStringLiteral("/tickets/resumen")).object();
                QCOMPARE(resumen["total"].toInt(), total);
                if (firstResumen.isEmpty())
                    firstResumen = resumen;
                QCOMPARE(resumen, firstResumen);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestScaleOut)
#include "tst_scale_out.moc"
