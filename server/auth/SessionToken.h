#pragma once
// Bearer tokens: 32 random bytes from libsodium, sent as unpadded base64url. Only their
// SHA-256 is ever stored (PostgreSQL and Redis), so stored data cannot be replayed.

#include <QByteArray>

namespace tickets::server {

struct SessionToken
{
    QByteArray token; // what the client holds (43 characters)
    QByteArray hash;  // SHA-256 of `token`, what the server keeps

    static SessionToken generate();
    static QByteArray hashOf(const QByteArray &token);
    static bool looksValid(const QByteArray &token); // the right length and alphabet
};

} // namespace tickets::server
