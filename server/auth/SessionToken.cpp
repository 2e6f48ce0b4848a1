#include "auth/SessionToken.h"

#include <QCryptographicHash>

#include <sodium.h>

namespace tickets::server {

namespace {
constexpr int kTokenBytes = 32;
constexpr int kTokenLength = 43; // base64url of 32 bytes without padding
} // namespace

SessionToken SessionToken::generate()
{
    if (sodium_init() < 0)
        qFatal("libsodium could not be initialised");
    QByteArray random(kTokenBytes, Qt::Uninitialized);
    randombytes_buf(random.data(), kTokenBytes);
    SessionToken result;
    result.token = random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    result.hash = hashOf(result.token);
    sodium_memzero(random.data(), kTokenBytes);
    return result;
}

QByteArray SessionToken::hashOf(const QByteArray &token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

bool SessionToken::looksValid(const QByteArray &token)
{
    if (token.size() != kTokenLength)
        return false;
    for (const char c : token) {
        const bool ok =
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok)
            return false;
    }
    return true;
}

} // namespace tickets::server
