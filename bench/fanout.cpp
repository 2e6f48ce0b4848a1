// Event fan-out benchmark: N WebSocket clients on /ws/eventos, M events PUBLISHed straight to
// canal:batch:eventos; prints how long until every client had every event, and the rate.
//   tickets-fanout-bench WS_URL REDIS_PORT [clients=100] [events=2000]

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTimer>
#include <QWebSocket>

#include <cstdio>
#include <memory>
#include <vector>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s WS_URL REDIS_PORT [clients] [events]\n", argv[0]);
        return 2;
    }
    const QUrl url(QString::fromLocal8Bit(argv[1]));
    const QString redisPort = QString::fromLocal8Bit(argv[2]);
    const int clients = argc > 3 ? std::atoi(argv[3]) : 100;
    const int events = argc > 4 ? std::atoi(argv[4]) : 2000;

    std::vector<std::unique_ptr<QWebSocket>> sockets;
    long long received = 0;
    int connected = 0;
    QElapsedTimer timer;
    const long long expected = static_cast<long long>(clients) * events;
    for (int i = 0; i < clients; ++i) {
        auto socket = std::make_unique<QWebSocket>();
        QObject::connect(socket.get(), &QWebSocket::textMessageReceived, &app, [&](const QString &message) {
            if (!message.contains(QLatin1String("\"bench\"")))
                return;
            if (++received == expected) {
                const double seconds = timer.nsecsElapsed() / 1e9;
                std::printf(
                    "fan-out: %d events to %d clients in %.2f s: %.0f events/s published, %.0f messages/s delivered\n",
                    events, clients, seconds, events / seconds, expected / seconds);
                app.quit();
            }
        });
        QObject::connect(socket.get(), &QWebSocket::connected, &app, [&] {
            if (++connected < clients)
                return;
            // Everyone listens: publish through redis-cli's pipe mode in one go.
            QByteArray commands;
            for (int e = 0; e < events; ++e) {
                const QByteArray payload = "{\"evento\": \"bench\", \"n\": " + QByteArray::number(e) + "}";
                commands += "*3\r\n$7\r\nPUBLISH\r\n$19\r\ncanal:batch:eventos\r\n$" +
                            QByteArray::number(payload.size()) + "\r\n" + payload + "\r\n";
            }
            auto *cli = new QProcess(&app);
            cli->start(QStringLiteral("redis-cli"), {QStringLiteral("-p"), redisPort, QStringLiteral("--pipe")});
            cli->waitForStarted();
            timer.start();
            cli->write(commands);
            cli->closeWriteChannel();
        });
        socket->open(url);
        sockets.push_back(std::move(socket));
    }
    QTimer::singleShot(120000, &app, [&] {
        std::printf("fan-out: timed out with %lld of %lld messages delivered\n", received, expected);
        app.exit(1);
    });
    return app.exec();
}
