#pragma once
// Which live events a caller may receive (WebSocket, SSE and GET /eventos): staff get all;
// a `usuario` gets events of their own tickets (never an internal note), of their own account
// and their own notifications. Ticket owners are looked up once and remembered (an owner
// never changes).

#include "auth/Access.h"

#include <QHash>

#include <functional>

namespace tickets::server {

class EventAudience
{
public:
    using OwnerLookup = std::function<std::optional<QUuid>(const QUuid &ticketId)>;
    explicit EventAudience(OwnerLookup ownerOf) : m_ownerOf(std::move(ownerOf)) {}

    bool reaches(const Access &access, const QByteArray &payload);

private:
    std::optional<QUuid> ownerOf(const QUuid &ticketId);

    OwnerLookup m_ownerOf;
    QHash<QUuid, QUuid> m_owners;
};

} // namespace tickets::server
