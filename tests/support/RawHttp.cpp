#include "RawHttp.h"

#include <QElapsedTimer>
#include <QHostAddress>

namespace tickets::test {

RawResponse readResponse(QTcpSocket &socket, int timeoutMs)
{
    RawResponse response;
    QByteArray buffer;
    QElapsedTimer timer;
    timer.start();
    qint64 expected = -1;
    qsizetype headEnd = -1;
    for (;;) {
        buffer += socket.readAll();
        if (headEnd < 0 && (headEnd = buffer.indexOf("\r\n\r\n")) >= 0) {
            response.head = buffer.left(headEnd);
            response.status = response.head.mid(9, 3).toInt();
            expected = 0;
            for (const QByteArray &line : response.head.split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    expected = line.mid(15).trimmed().toLongLong();
            }
        }
        if (headEnd >= 0 && buffer.size() - headEnd - 4 >= expected) {
            response.body = buffer.mid(headEnd + 4, expected);
            return response;
        }
        const qint64 left = timeoutMs - timer.elapsed();
        if (socket.state() != QAbstractSocket::ConnectedState || left <= 0) {
            response.closed = socket.state() != QAbstractSocket::ConnectedState;
            return response;
        }
        if (!socket.waitForReadyRead(static_cast<int>(qMin<qint64>(left, 200))) &&
            socket.state() != QAbstractSocket::ConnectedState) {
            buffer += socket.readAll();
            response.closed = true;
            if (headEnd < 0)
                return response;
        }
    }
}

std::unique_ptr<QTcpSocket> connectRaw(int port, int timeoutMs)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QHostAddress::LocalHost, static_cast<quint16>(port));
    if (!socket->waitForConnected(timeoutMs))
        return nullptr;
    return socket;
}

} // namespace tickets::test
