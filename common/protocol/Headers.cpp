#include "protocol/Headers.h"

#include <QRandomGenerator>

namespace tickets::protocol {

QByteArray newRequestId(const QByteArray &prefix)
{
    return prefix + QByteArray::number(QRandomGenerator::global()->generate64(), 16).rightJustified(16, '0');
}

bool isPlainRequestId(const QByteArray &id)
{
    if (id.isEmpty() || id.size() > 64)
        return false;
    for (const char c : id) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                           c == '_' || c == '-';
        if (!plain)
            return false;
    }
    return true;
}

std::optional<qint64> parseTotalCount(const QByteArray &value)
{
    bool ok = false;
    const qint64 total = value.trimmed().toLongLong(&ok);
    if (!ok || total < 0)
        return std::nullopt;
    return total;
}

bool parseTotalCountCapped(const QByteArray &value)
{
    return value.trimmed().toLower() == "true";
}

} // namespace tickets::protocol
