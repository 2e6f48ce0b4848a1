#pragma once
// A QTcpServer that adopts a listening socket, caps live connections, wraps every connection
// in a ConnectionGuard, and resumes accepting after the process ran out of file descriptors
// (QTcpServer pauses for good on EMFILE and QtHttpServer 6.4 never resumes it).

#include "config/AddressList.h"
#include "config/Config.h"
#include "http/ConnectionGuard.h"

#include <QTcpServer>

namespace tickets::server::http {

class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    // `uncapped`: the peers the per-address cap leaves alone (TICKETS_TRUSTED_PROXIES).
    GuardedTcpServer(const HttpLimits &limits, RejectHeaders rejectHeaders, ConnectionCounter &counter,
                     AddressList uncapped, QObject *parent = nullptr);

    // Where connections that ask for a WebSocket go (HttpServer::listenOn sets it).
    void setUpgradeHandler(UpgradeHandler handler) { m_hooks.upgrade = std::move(handler); }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    const HttpLimits &m_limits;
    ConnectionHooks m_hooks;
    ConnectionCounter &m_counter;
    const AddressList m_uncapped;
    qint64 m_lastRefusalLog = 0;
    qint64 m_lastAcceptWarning = 0;
};

// Opens a listening TCP socket with SO_REUSEPORT and the given backlog; -1 and *error on failure.
int openListenSocket(const QString &host, quint16 port, int backlog, QString *error);

// The port a listening socket is bound to (useful with port 0).
quint16 boundPort(int descriptor);

} // namespace tickets::server::http
