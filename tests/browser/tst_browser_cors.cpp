// The web frontend's real use: Debian's headless Chromium runs fetch() from a page on another
// origin against the server. Our CORS answers must satisfy a real browser, and a foreign
// origin must be stopped by it.

#include "ApiFixture.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

using namespace tickets::test;

namespace {

// Serves one HTML page and takes the page's report (a same-origin POST) back.
class PageServer : public QTcpServer
{
public:
    PageServer()
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { serve(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    QString origin() const { return QStringLiteral("http://127.0.0.1:%1").arg(serverPort()); }
    void setPage(const QByteArray &page) { m_page = page; }
    QJsonObject report;

private:
    void serve(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        qint64 length = 0;
        for (const QByteArray &line : buffer.left(end).split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            return;
        const QByteArray body = buffer.mid(end + 4, length);
        const bool isReport = buffer.startsWith("POST /report");
        buffer.clear();
        if (isReport)
            report = QJsonDocument::fromJson(body).object();
        const QByteArray content = isReport ? QByteArray("ok") : m_page;
        socket->write(
            "HTTP/1.1 200 OK\r\nContent-Type: " + QByteArray(isReport ? "text/plain" : "text/html; charset=utf-8") +
            "\r\nContent-Length: " + QByteArray::number(content.size()) + "\r\nConnection: close\r\n\r\n" + content);
        socket->disconnectFromHost();
    }

    QByteArray m_page;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

const char *const kFrontendScript = R"JS(
const results = {};
const json = {'Content-Type': 'application/json'};
(async () => {
  try {
    const u = await fetch(API + '/usuarios', {method: 'POST', credentials: 'include', headers: json,
                          body: JSON.stringify({email: 'navegador@example.com', nombre: 'Navegador'})});
    results.usuarioStatus = u.status;
    const usuario = await u.json();
    const t = await fetch(API + '/tickets', {method: 'POST', credentials: 'include', headers: json,
                          body: JSON.stringify({usuario_id: usuario.id, titulo: 'Desde el navegador', descripcion: 'fetch()'})});
    results.ticketStatus = t.status;
    const ticket = await t.json();
    results.ticketId = ticket.id;
    const p = await fetch(API + '/tickets/' + ticket.id + '/estado?nuevo_estado=en_proceso&usuario_id=' + usuario.id,
                          {method: 'PATCH', credentials: 'include'});
    results.patchStatus = p.status;
    results.patchBody = await p.json();
    const l = await fetch(API + '/tickets?limit=1', {credentials: 'include'});
    results.totalCount = l.headers.get('X-Total-Count');
    const e = await fetch(API + '/usuarios', {method: 'POST', credentials: 'include', headers: json, body: '{}'});
    results.errorStatus = e.status;
    results.errorBody = await e.json();
  } catch (error) {
    results.error = String(error);
  }
  await fetch('/report', {method: 'POST', body: JSON.stringify(results)});
})();
)JS";

const char *const kForeignScript = R"JS(
const results = {};
(async () => {
  try {
    await fetch(API + '/usuarios', {method: 'POST', credentials: 'include', headers: {'Content-Type': 'application/json'},
                body: JSON.stringify({email: 'intruso@example.com', nombre: 'Intruso'})});
    results.postBlocked = false;
  } catch (error) {
    results.postBlocked = true;
    results.postError = String(error);
  }
  try {
    await fetch(API + '/usuarios');
    results.readBlocked = false;
  } catch (error) {
    results.readBlocked = true;
  }
  await fetch('/report', {method: 'POST', body: JSON.stringify(results)});
})();
)JS";

QByteArray pageWith(const char *script, int apiPort)
{
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>frontend</title></head><body><script>const API = "
           "'http://127.0.0.1:" +
           QByteArray::number(apiPort) + "';" + QByteArray(script) + "</script></body></html>";
}

QString chromium()
{
    for (const QString &candidate :
         {QStringLiteral("/usr/bin/chromium"), QStringLiteral("/usr/bin/chromium-browser")}) {
        if (QFile::exists(candidate))
            return candidate;
    }
    return {};
}

} // namespace

class TestBrowserCors : public QObject
{
    Q_OBJECT
    std::unique_ptr<ApiFixture> f;
    std::unique_ptr<PageServer> frontend;
    std::unique_ptr<PageServer> foreign;

    // Opens the page in headless Chromium and waits for its report.
    QJsonObject visit(PageServer &page)
    {
        QTemporaryDir profile;
        QProcess browser;
        browser.setProcessChannelMode(QProcess::MergedChannels);
        browser.start(chromium(),
                      {"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                       "--disable-background-networking", "--disable-component-update", "--disable-sync",
                       "--disable-dev-shm-usage", "--user-data-dir=" + profile.path(), page.origin() + "/"});
        QDeadlineTimer deadline(60000);
        while (page.report.isEmpty() && browser.state() != QProcess::NotRunning && !deadline.hasExpired())
            QTest::qWait(50);
        const QByteArray output = browser.readAll();
        browser.kill();
        browser.waitForFinished();
        if (page.report.isEmpty())
            qWarning().noquote() << "chromium said:" << output.right(2000);
        return page.report;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (chromium().isEmpty())
            QFAIL("Debian's chromium package is required (scripts/test.sh installs it)");
        // Both pages are on 127.0.0.1 but on other ports than the API: other origins to the browser.
        frontend = std::make_unique<PageServer>();
        foreign = std::make_unique<PageServer>();
        f = std::make_unique<ApiFixture>(QStringLiteral("tst_browser_cors"),
                                         QMap<QString, QString>{{"CORS_ORIGINS", "[\"" + frontend->origin() + "\"]"}});
        QVERIFY(f->start());
        frontend->setPage(pageWith(kFrontendScript, f->server().port()));
        foreign->setPage(pageWith(kForeignScript, f->server().port()));
    }

    void browserAcceptsOurAnswersForTheFrontend();
    void browserBlocksAForeignOrigin();
};

void TestBrowserCors::browserAcceptsOurAnswersForTheFrontend()
{
    const QJsonObject report = visit(*frontend);
    QVERIFY2(!report.contains("error"), qPrintable(report.value("error").toString()));
    QCOMPARE(report.value("usuarioStatus").toInt(), 200);
    QCOMPARE(report.value("ticketStatus").toInt(), 200);
    QCOMPARE(report.value("patchStatus").toInt(), 200);
    QCOMPARE(report.value("patchBody").toObject().value("estado").toString(), QStringLiteral("en_proceso"));
    QCOMPARE(report.value("totalCount").toString(), QStringLiteral("1")); // an exposed header
    QCOMPARE(report.value("errorStatus").toInt(), 422);                   // errors are readable by the page
    QCOMPARE(report.value("errorBody").toObject().value("detail").toArray().size(), 2);
    QCOMPARE(
        f->db()
            .scalar(
                QStringLiteral("SELECT estado FROM tickets WHERE id = '%1'").arg(report.value("ticketId").toString()))
            .toString(),
        QStringLiteral("en_proceso"));
}

void TestBrowserCors::browserBlocksAForeignOrigin()
{
    const QJsonObject report = visit(*foreign);
    QCOMPARE(report.value("postBlocked").toBool(), true);
    QCOMPARE(report.value("readBlocked").toBool(), true);
    // The preflight failed, so the browser never sent the POST.
    QCOMPARE(f->db().scalar("SELECT count(*) FROM usuarios WHERE email = 'intruso@example.com'").toInt(), 0);
}

QTEST_GUILESS_MAIN(TestBrowserCors)
#include "tst_browser_cors.moc"
