#include "protocol/Cursor.h"

#include <QList>

namespace tickets::protocol {

namespace {
constexpr QByteArrayView kVersion = "c1";
constexpr auto kBase64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
} // namespace

QByteArray Cursor::encode() const
{
    const QByteArray plain = kVersion.toByteArray() + ':' + QByteArray::number(micros) + ':' + id.toLatin1();
    return plain.toBase64(kBase64);
}

std::optional<Cursor> Cursor::decode(const QByteArray &token)
{
    if (token.isEmpty() || token.size() > 200)
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(token, kBase64 | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QList<QByteArray> parts = decoded.decoded.split(':');
    if (parts.size() != 3 || parts[0] != kVersion || parts[2].isEmpty())
        return std::nullopt;
    bool ok = false;
    Cursor cursor;
    cursor.micros = parts[1].toLongLong(&ok);
    if (!ok || cursor.micros < 0)
        return std::nullopt;
    for (char c : parts[2]) {
        const bool allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-';
        if (!allowed)
            return std::nullopt;
    }
    cursor.id = QString::fromLatin1(parts[2]);
    return cursor;
}

} // namespace tickets::protocol
