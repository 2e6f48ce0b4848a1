#pragma once
// Raw HTTP/1.1 over a socket, for tests that control exactly what goes on the wire.

#include <QByteArray>
#include <QTcpSocket>

namespace tickets::test {

struct RawResponse
{
    int status = 0; // 0: closed or timed out before a status line
    QByteArray head;
    QByteArray body;
    bool closed = false; // the server closed the connection
};

// Reads one response (status line, headers, Content-Length body) within `timeoutMs`.
RawResponse readResponse(QTcpSocket &socket, int timeoutMs = 10000);

// Connects to 127.0.0.1:port; null on failure.
std::unique_ptr<QTcpSocket> connectRaw(int port, int timeoutMs = 5000);

} // namespace tickets::test
