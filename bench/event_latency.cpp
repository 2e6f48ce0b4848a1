// Event latency under load: live clients on every instance, a writer opening tickets through
// the API at a steady rate; for each ticket_creado a client receives, the time from the moment
// its POST was answered (the write committed) to the moment the event arrived. Prints the
// percentiles over every client of every instance, and what never arrived.
//   tickets-event-latency-bench TOKEN USUARIO_ID WRITES INTERVAL_MS CLIENTS_PER_INSTANCE URL...
// URL is an instance's base (http://127.0.0.1:18600); the writer uses the first.

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 7) {
        std::fprintf(stderr, "usage: %s TOKEN USUARIO_ID WRITES INTERVAL_MS CLIENTS_PER_INSTANCE URL...\n", argv[0]);
        return 2;
    }
    const QByteArray token = argv[1];
    const QString usuario = QString::fromLocal8Bit(argv[2]);
    const int writes = std::atoi(argv[3]);
    const int intervalMs = std::atoi(argv[4]);
    const int perInstance = std::atoi(argv[5]);
    QList<QUrl> instances;
    for (int i = 6; i < argc; ++i)
        instances << QUrl(QString::fromLocal8Bit(argv[i]));

    QElapsedTimer clock;
    clock.start();
    QHash<QString, qint64> answeredAt; // ticket id -> when its POST was answered
    // Events that came while a POST was on its way (ours, or the load's), until it is answered.
    QHash<QString, std::vector<qint64>> arrivedBeforeAck;
    QList<qint64> inFlightSince; // when each unanswered POST was sent
    std::vector<double> latencies;
    int answered = 0;
    int failedWrites = 0;
    const int clients = perInstance * static_cast<int>(instances.size());
    const auto record = [&](qint64 at, qint64 ack) { latencies.push_back(std::max<qint64>(0, at - ack) / 1e6); };
    const auto finish = [&] {
        std::sort(latencies.begin(), latencies.end());
        const auto pct = [&](double p) {
            return latencies.empty() ? 0.0 : latencies[std::min(latencies.size() - 1, size_t(p * latencies.size()))];
        };
        const long long expected = static_cast<long long>(answered) * clients;
        std::printf("event latency, commit to client, %d writes every %d ms, %d clients on %lld instances: "
                    "p50 %.1f ms, p99 %.1f ms, max %.1f ms; %lld of %lld events arrived, %d writes failed\n",
                    writes, intervalMs, clients, static_cast<long long>(instances.size()), pct(0.5), pct(0.99),
                    latencies.empty() ? 0.0 : latencies.back(), static_cast<long long>(latencies.size()), expected,
                    failedWrites);
        app.exit(static_cast<long long>(latencies.size()) == expected && failedWrites == 0 ? 0 : 1);
    };

    std::vector<std::unique_ptr<QWebSocket>> sockets;
    int connected = 0;
    QNetworkAccessManager network;
    QTimer writer;
    writer.setInterval(intervalMs);
    int sent = 0;
    QObject::connect(&writer, &QTimer::timeout, &app, [&] {
        if (sent == writes) {
            writer.stop();
            return;
        }
        ++sent;
        QNetworkRequest request(instances.first().resolved(QUrl(QStringLiteral("/tickets"))));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + token);
        const QJsonObject body{{QStringLiteral("usuario_id"), usuario},
                               {QStringLiteral("titulo"), QStringLiteral("Latencia %1").arg(sent)},
                               {QStringLiteral("descripcion"), QStringLiteral("medida de latencia")}};
        const qint64 sentAt = clock.nsecsElapsed();
        inFlightSince << sentAt;
        QNetworkReply *reply = network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
        QObject::connect(reply, &QNetworkReply::finished, &app, [&, reply, sentAt] {
            reply->deleteLater();
            const qint64 now = clock.nsecsElapsed();
            inFlightSince.removeOne(sentAt);
            const QString id =
                QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("id")).toString();
            ++answered;
            if (reply->error() != QNetworkReply::NoError || id.isEmpty()) {
                ++failedWrites;
                --answered;
            } else {
                answeredAt.insert(id, now);
                for (qint64 at : arrivedBeforeAck.take(id))
                    record(at, now);
            }
            // What came before the oldest POST still on its way belongs to no POST of ours.
            const qint64 oldest =
                inFlightSince.isEmpty() ? now : *std::min_element(inFlightSince.cbegin(), inFlightSince.cend());
            for (auto it = arrivedBeforeAck.begin(); it != arrivedBeforeAck.end();) {
                std::erase_if(it.value(), [oldest](qint64 at) { return at < oldest; });
                it = it.value().empty() ? arrivedBeforeAck.erase(it) : std::next(it);
            }
            if (answered + failedWrites == writes) // the last events get two seconds to arrive
                QTimer::singleShot(2000, &app, finish);
        });
    });

    for (const QUrl &base : instances) {
        QUrl ws = base;
        ws.setScheme(QStringLiteral("ws"));
        ws.setPath(QStringLiteral("/ws/eventos"));
        ws.setQuery(QStringLiteral("access_token=") + QString::fromLatin1(token));
        for (int c = 0; c < perInstance; ++c) {
            auto socket = std::make_unique<QWebSocket>();
            QObject::connect(socket.get(), &QWebSocket::textMessageReceived, &app, [&](const QString &message) {
                const qint64 now = clock.nsecsElapsed();
                const QJsonObject event = QJsonDocument::fromJson(message.toUtf8()).object();
                if (event.value(QStringLiteral("evento")).toString() != QLatin1String("ticket_creado"))
                    return;
                const QString id = event.value(QStringLiteral("ticket_id")).toString();
                const auto ack = answeredAt.constFind(id);
                if (ack != answeredAt.cend())
                    record(now, *ack);
                else if (!inFlightSince.isEmpty())
                    arrivedBeforeAck[id].push_back(now);
            });
            QObject::connect(socket.get(), &QWebSocket::connected, &app, [&] {
                if (++connected == clients)
                    writer.start();
            });
            socket->open(ws);
            sockets.push_back(std::move(socket));
        }
    }
    QTimer::singleShot(120000, &app, [&] {
        std::printf("event latency: timed out (%d of %d clients connected, %d writes answered)\n", connected, clients,
                    answered);
        app.exit(1);
    });
    return app.exec();
}
