#include "http/GuardedTcpServer.h"

#include "http/ConnectionGuard.h"
#include "http/Logging.h"

#include <QDateTime>
#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tickets::server::http {

GuardedTcpServer::GuardedTcpServer(const HttpLimits &limits, RejectHeaders rejectHeaders, ConnectionCounter &counter,
                                   AddressList uncapped, QObject *parent)
    : QTcpServer(parent), m_limits(limits), m_hooks{std::move(rejectHeaders), {}, {}}, m_counter(counter),
      m_uncapped(std::move(uncapped))
{
    setMaxPendingConnections(1024);
    m_hooks.toHttpServer = [this](QTcpSocket *socket) {
        addPendingConnection(socket); // QtHttpServer connects its slots now...
        // ...and parses what is buffered already on the next turn of the loop.
        QMetaObject::invokeMethod(socket, &QAbstractSocket::readyRead, Qt::QueuedConnection);
    };
    connect(this, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError error) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (now - m_lastAcceptWarning > 5000) {
            m_lastAcceptWarning = now;
            qCWarning(lcHttp) << "accept failed (" << error << "), probably out of file descriptors; retrying";
        }
        QTimer::singleShot(100, this, &QTcpServer::resumeAccepting);
    });
}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    QHostAddress peer;
    if (::getpeername(static_cast<int>(descriptor), reinterpret_cast<sockaddr *>(&address), &length) == 0)
        peer = AddressList::unmapped(QHostAddress(reinterpret_cast<sockaddr *>(&address)));
    const bool uncapped = m_uncapped.contains(peer);
    if (!m_counter.open(peer, m_limits, uncapped)) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (now - m_lastRefusalLog > 5000) {
            m_lastRefusalLog = now;
            qCWarning(lcHttp).noquote() << "connection from" << peer.toString()
                                        << "refused: the connection cap (in all or for that address) is reached";
        }
        ::close(static_cast<int>(descriptor));
        return;
    }
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        m_counter.close(peer, uncapped);
        delete socket;
        ::close(static_cast<int>(descriptor));
        return;
    }
    // A whole request must fit: QtHttpServer keeps it in the socket buffer until it is complete.
    socket->setReadBufferSize(m_limits.maxBodyBytes + m_limits.maxHeaderBytes + 64 * 1024);
    new ConnectionGuard(socket, m_limits, m_hooks, m_counter, peer, uncapped);
    // Not handed to QtHttpServer yet: the guard does that once the first head is read.
}

int openListenSocket(const QString &host, quint16 port, int backlog, QString *error)
{
    QHostAddress address;
    if (host == QStringLiteral("localhost"))
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(host)) {
        *error = QStringLiteral("API_HOST '%1' is not an IP address").arg(host);
        return -1;
    }
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    int rc = 0;
    if (v6) {
        sockaddr_in6 sa{};
        sa.sin6_family = AF_INET6;
        sa.sin6_port = htons(port);
        const Q_IPV6ADDR raw = address.toIPv6Address();
        std::memcpy(&sa.sin6_addr, &raw, sizeof raw);
        rc = ::bind(fd, reinterpret_cast<sockaddr *>(&sa), sizeof sa);
    } else {
        sockaddr_in sa{};
        sa.sin_family = AF_INET;
        sa.sin_port = htons(port);
        sa.sin_addr.s_addr = htonl(address.toIPv4Address());
        rc = ::bind(fd, reinterpret_cast<sockaddr *>(&sa), sizeof sa);
    }
    if (rc != 0 || ::listen(fd, backlog) != 0) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                     .arg(host)
                     .arg(port)
                     .arg(QString::fromLocal8Bit(std::strerror(errno)));
        ::close(fd);
        return -1;
    }
    return fd;
}

quint16 boundPort(int descriptor)
{
    sockaddr_storage sa{};
    socklen_t length = sizeof sa;
    if (::getsockname(descriptor, reinterpret_cast<sockaddr *>(&sa), &length) != 0)
        return 0;
    if (sa.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<sockaddr_in6 *>(&sa)->sin6_port);
    return ntohs(reinterpret_cast<sockaddr_in *>(&sa)->sin_port);
}

} // namespace tickets::server::http
