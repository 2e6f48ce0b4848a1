#include "http/ConnectionCounter.h"

namespace tickets::server::http {

bool ConnectionCounter::open(const QHostAddress &peer, const HttpLimits &limits, bool uncapped)
{
    if (m_total.fetch_add(1) >= limits.maxConnections) {
        m_total.fetch_sub(1);
        return false;
    }
    if (uncapped)
        return true;
    std::lock_guard lock(m_mutex);
    int &count = m_perAddress[peer];
    if (count >= limits.maxConnectionsPerAddress) {
        if (count == 0)
            m_perAddress.remove(peer);
        m_total.fetch_sub(1);
        return false;
    }
    ++count;
    return true;
}

void ConnectionCounter::close(const QHostAddress &peer, bool uncapped)
{
    m_total.fetch_sub(1);
    if (uncapped)
        return;
    std::lock_guard lock(m_mutex);
    const auto it = m_perAddress.find(peer);
    if (it != m_perAddress.end() && --it.value() <= 0)
        m_perAddress.erase(it);
}

} // namespace tickets::server::http
