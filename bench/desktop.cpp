// tickets-desktop-bench URL TOKEN [ROWS]: the desktop client's ticket list against a real
// server. Prints the time to the first rows, the time to scroll through ROWS (default 10,000)
// page by page as a person scrolling would load them, the cost of painting while scrolling,
// and the process's memory; beside them, the same pages fetched by a bare HTTP client (the
// floor the model cannot beat).

#include "core/ApiClient.h"
#include "core/TicketListModel.h"
#include "protocol/Routes.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>

#include <cstdio>

using namespace tickets::client;

namespace {
double rssMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

void waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}
} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM",
            qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: tickets-desktop-bench URL TOKEN [ROWS]\n");
        return 2;
    }
    const QUrl url(QString::fromLocal8Bit(argv[1]));
    const QByteArray token(argv[2]);
    const int rows = argc > 3 ? std::atoi(argv[3]) : 10000;
    constexpr int kPage = 100;

    // The floor: the same pages over plain HTTP, sequentially.
    QNetworkAccessManager network;
    QElapsedTimer floorTimer;
    floorTimer.start();
    const int floorPages = 20;
    for (int page = 0; page < floorPages; ++page) {
        QNetworkRequest request(QUrl(url.toString() +
                                     tickets::protocol::route::fill(tickets::protocol::route::tickets) +
                                     QStringLiteral("?skip=%1&limit=%2").arg(page * kPage).arg(kPage)));
        request.setRawHeader("Authorization", "Bearer " + token);
        QNetworkReply *reply = network.get(request);
        waitFor([reply] { return reply->isFinished(); }, 10000);
        reply->readAll();
        reply->deleteLater();
    }
    const double floorPerPage = floorTimer.nsecsElapsed() / 1e6 / floorPages;

    const double rssBefore = rssMiB();
    ApiClient api;
    api.setBaseUrl(url);
    api.setToken(token);
    TicketListModel model(api);
    model.setPageSize(kPage);
    QTableView view;
    view.setModel(&model);
    view.resize(1200, 800);
    view.show();

    QElapsedTimer timer;
    timer.start();
    model.setQuery({});
    waitFor([&] { return model.rowCount() > 0; }, 10000);
    view.viewport()->repaint();
    const double firstRowsMs = timer.nsecsElapsed() / 1e6;

    // Scrolling to the end makes the view ask for the next page, as a person scrolling does.
    while (model.rowCount() < rows && model.canFetchMore({})) {
        const int before = model.rowCount();
        view.scrollToBottom();
        QCoreApplication::processEvents();
        waitFor([&] { return model.rowCount() > before; }, 10000);
        if (model.rowCount() == before)
            break;
    }
    const double allRowsMs = timer.nsecsElapsed() / 1e6;
    const int loaded = model.rowCount();
    const double rssAfter = rssMiB();

    // Painting cost while scrolling through what is loaded.
    QScrollBar *bar = view.verticalScrollBar();
    QElapsedTimer paint;
    int frames = 0;
    double worstMs = 0;
    paint.start();
    for (int value = 0; value <= bar->maximum(); value += qMax(1, bar->maximum() / 400)) {
        QElapsedTimer frame;
        frame.start();
        bar->setValue(value);
        view.viewport()->repaint();
        worstMs = qMax(worstMs, frame.nsecsElapsed() / 1e6);
        ++frames;
    }
    const double perFrameMs = paint.nsecsElapsed() / 1e6 / qMax(1, frames);

    std::printf("Desktop client, ticket list (%d rows per page, offscreen QTableView 1200x800):\n", kPage);
    std::printf("  %-52s %10.1f ms\n", "time to the first rows", firstRowsMs);
    std::printf("  %-52s %10.1f ms  (%d rows, %.1f ms per page)\n", "time to scroll through all of them, page by page",
                allRowsMs, loaded, allRowsMs / qMax(1, (loaded + kPage - 1) / kPage));
    std::printf("  %-52s %10.1f ms  (bare HTTP GET, %d pages)\n", "floor: one page over plain HTTP", floorPerPage,
                floorPages);
    std::printf("  %-52s %10.2f ms  (worst %.2f ms, %d frames)\n", "paint while scrolling, per frame", perFrameMs,
                worstMs, frames);
    std::printf("  %-52s %10.1f MiB (before the list: %.1f MiB, +%.1f MiB for %d rows)\n",
                "resident memory with the rows loaded", rssAfter, rssBefore, rssAfter - rssBefore, loaded);
    return loaded >= rows ? 0 : 1;
}
