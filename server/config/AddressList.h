#pragma once
// Addresses and subnets named by a setting ("127.0.0.1, ::1, 10.0.0.0/8"), and whether a peer
// is among them. Used for the proxies whose X-Real-IP is believed and which the per-address
// connection cap leaves alone.

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QStringList>

namespace tickets::server {

class AddressList
{
public:
    AddressList() = default;
    // Entries that are neither an address nor a subnet go to `invalid` (when given).
    explicit AddressList(const QStringList &entries, QStringList *invalid = nullptr);

    bool contains(const QHostAddress &peer) const;

    // An IPv4 peer on a dual-stack socket arrives as ::ffff:a.b.c.d: this gives a.b.c.d.
    static QHostAddress unmapped(const QHostAddress &peer);

private:
    QList<QPair<QHostAddress, int>> m_subnets;
};

} // namespace tickets::server
