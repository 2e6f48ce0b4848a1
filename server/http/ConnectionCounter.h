#pragma once
// The open TCP connections of one server, in all and per client address, shared by every HTTP
// thread: one client cannot take the whole of TICKETS_MAX_CONNECTIONS, except the proxies the
// operator trusts (behind nginx every client arrives from loopback).

#include "config/Config.h"

#include <QHash>
#include <QHostAddress>

#include <atomic>
#include <mutex>

namespace tickets::server::http {

class ConnectionCounter
{
public:
    // Counts a connection from `peer`; false (and nothing counted) past a cap.
    bool open(const QHostAddress &peer, const HttpLimits &limits, bool uncapped);
    void close(const QHostAddress &peer, bool uncapped);
    int total() const { return m_total.load(); }

private:
    std::atomic<int> m_total{0};
    std::mutex m_mutex;
    QHash<QHostAddress, int> m_perAddress;
};

} // namespace tickets::server::http
