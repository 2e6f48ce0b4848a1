#include "protocol/Cursor.h"

#include <QList>

namespace tickets::protocol {

namespace {
constexpr QByteArrayView kVersion = "c1";        // c1:key:id, the default order
constexpr QByteArrayView kOrderedVersion = "c2"; // c2:orden:key:id

bool isOrdenName(const QByteArray &name)
{
    if (name.isEmpty() || name.size() > 32)
        return false;
    for (char c : name) {
        if (!((c >= 'a' && c <= 'z') || c == '_' || c == '-'))
            return false;
    }
    return true;
}
constexpr auto kBase64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
} // namespace

QByteArray Cursor::encode() const
{
    const QByteArray tail = QByteArray::number(key) + ':' + id.toLatin1();
    QByteArray plain;
    if (orden.isEmpty())
        plain = kVersion.toByteArray() + ':' + tail;
    else
        plain = kOrderedVersion.toByteArray() + ':' + orden.toLatin1() + ':' + tail;
    return plain.toBase64(kBase64);
}

std::optional<Cursor> Cursor::decode(const QByteArray &token)
{
    if (token.isEmpty() || token.size() > 200)
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(token, kBase64 | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    QList<QByteArray> parts = decoded.decoded.split(':');
    Cursor cursor;
    if (parts.size() == 4 && parts[0] == kOrderedVersion && isOrdenName(parts[1]))
        cursor.orden = QString::fromLatin1(parts.takeAt(1));
    else if (parts.size() != 3 || parts[0] != kVersion)
        return std::nullopt;
    if (parts[2].isEmpty())
        return std::nullopt;
    bool ok = false;
    cursor.key = parts[1].toLongLong(&ok);
    if (!ok || cursor.key < 0)
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
