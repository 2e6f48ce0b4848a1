#pragma once
// The one place where a failure becomes an HTTP answer: the kinds the domain throws
// (protocol::Error), the storage layer's errors (SQLSTATE classes, an unreachable database)
// and anything unexpected (500, logged, never shown).

#include "http/Message.h"
#include "protocol/ErrorKind.h"

namespace tickets::server {

http::Response responseFor(const protocol::Error &error);

// The answer for the exception being handled (call it from a catch block); `requestId` goes
// into the log line of failures worth one.
http::Response responseForCurrentException(const QByteArray &requestId);

} // namespace tickets::server
