#pragma once
// What a live client was granted at the door, handed with its connection to the live hub:
// who it is (nobody: refused, and closed with 1008 once the WebSocket is up) and, for an event
// stream, the seq to resume after.

#include "auth/Access.h"
#include "http/Message.h"

#include <optional>

namespace tickets::server {

struct LiveGrant : http::StreamGrant
{
    std::optional<Access> access;
    qint64 resumeAfter = 0;
};

} // namespace tickets::server
