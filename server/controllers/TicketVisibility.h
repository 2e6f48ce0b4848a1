#pragma once
// Who may see a ticket's pages (its interactions, its history): someone else's ticket is
// "not found" for a caller limited to their own, so its existence does not leak.

#include "auth/Access.h"
#include "protocol/ErrorKind.h"
#include "protocol/Messages.h"
#include "storage/TicketRepository.h"

namespace tickets::server {

// Throws 404 unless `access` may see the ticket; with `mustExist`, also when staff ask for a
// ticket that does not exist (callers that cannot tell otherwise).
inline void requireVisibleTicket(TicketRepository &tickets, const Access &access, const QUuid &ticketId,
                                 bool mustExist = false)
{
    if (!access.ticketOwnerScope() && !mustExist)
        return;
    const auto owner = tickets.ownerOf(ticketId);
    if (!owner || !access.canSeeTicketOf(*owner))
        throw protocol::Error::notFound(protocol::msg::ticketNoEncontrado);
}

} // namespace tickets::server
