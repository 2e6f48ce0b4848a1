#include "config/AddressList.h"

#include <algorithm>

namespace tickets::server {

AddressList::AddressList(const QStringList &entries, QStringList *invalid)
{
    for (const QString &raw : entries) {
        const QString entry = raw.trimmed();
        const auto subnet =
            QHostAddress::parseSubnet(entry.contains(u'/') ? entry : entry + (entry.contains(u':') ? "/128" : "/32"));
        if (subnet.first.isNull()) {
            if (invalid)
                *invalid << entry;
        } else {
            m_subnets.append(subnet);
        }
    }
}

bool AddressList::contains(const QHostAddress &peer) const
{
    const QHostAddress address = unmapped(peer);
    return std::any_of(m_subnets.cbegin(), m_subnets.cend(),
                       [&](const auto &subnet) { return address.isInSubnet(subnet); });
}

QHostAddress AddressList::unmapped(const QHostAddress &peer)
{
    bool mapped = false;
    const quint32 v4 = peer.toIPv4Address(&mapped);
    return mapped && peer.protocol() == QAbstractSocket::IPv6Protocol ? QHostAddress(v4) : peer;
}

} // namespace tickets::server
