#include "validation/EmailValidator.h"

#include <QStringList>

namespace tickets::validation {

namespace {

bool isAtext(QChar c)
{
    static const QString specials = QStringLiteral("!#$%&'*+-/=?^_`{|}~");
    if (c.unicode() > 127)
        return c.isLetterOrNumber(); // internationalised local parts (SMTPUTF8)
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || specials.contains(c);
}

bool isDomainChar(QChar c)
{
    if (c.unicode() > 127)
        return c.isLetterOrNumber();
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'-';
}

QString invalidCharacters(const QString &text, bool (*allowed)(QChar))
{
    QStringList found;
    for (QChar c : text) {
        if (c != u'.' && !allowed(c) && !found.contains(QString(c)))
            found << QString(c);
    }
    return found.join(QStringLiteral(", "));
}

} // namespace

EmailCheck checkEmail(const QString &address)
{
    const qsizetype at = address.lastIndexOf(u'@');
    if (at < 0)
        return {{}, QStringLiteral("An email address must have an @-sign.")};
    const QString local = address.left(at);
    const QString domain = address.mid(at + 1);
    if (local.isEmpty())
        return {{}, QStringLiteral("There must be something before the @-sign.")};
    if (domain.isEmpty())
        return {{}, QStringLiteral("There must be something after the @-sign.")};
    if (local.size() > 64)
        return {{},
                QStringLiteral("The email address is too long before the @-sign (%1 characters too many).")
                    .arg(local.size() - 64)};
    if (const QString bad = invalidCharacters(local, isAtext); !bad.isEmpty())
        return {{}, QStringLiteral("The email address contains invalid characters before the @-sign: %1.").arg(bad)};
    if (local.startsWith(u'.'))
        return {{}, QStringLiteral("An email address cannot start with a period.")};
    if (local.endsWith(u'.'))
        return {{}, QStringLiteral("An email address cannot have a period immediately before the @-sign.")};
    if (local.contains(QStringLiteral("..")) || domain.contains(QStringLiteral("..")))
        return {{}, QStringLiteral("An email address cannot have two periods in a row.")};
    if (const QString bad = invalidCharacters(domain, isDomainChar); !bad.isEmpty())
        return {{}, QStringLiteral("The part after the @-sign contains invalid characters: %1.").arg(bad)};
    if (domain.startsWith(u'.'))
        return {{}, QStringLiteral("An email address cannot have a period immediately after the @-sign.")};
    if (domain.endsWith(u'.'))
        return {{}, QStringLiteral("An email address cannot end with a period.")};
    const QStringList labels = domain.split(u'.');
    if (labels.size() < 2)
        return {{}, QStringLiteral("The part after the @-sign is not valid. It should have a period.")};
    for (const QString &label : labels) {
        if (label.startsWith(u'-') || label.endsWith(u'-'))
            return {{},
                    QStringLiteral("The part after the @-sign is not valid. A domain label cannot start or end "
                                   "with a hyphen.")};
        if (label.size() > 63)
            return {{}, QStringLiteral("The part after the @-sign is not valid. A domain label is too long.")};
    }
    bool numericTld = true;
    for (QChar c : labels.last())
        numericTld = numericTld && c.isDigit();
    if (numericTld)
        return {{},
                QStringLiteral("The part after the @-sign is not valid. It is not within a valid top-level domain.")};
    const QString normalized = local + u'@' + domain.toLower();
    if (normalized.size() > 254)
        return {{},
                QStringLiteral("The email address is too long (%1 characters too many).").arg(normalized.size() - 254)};
    return {normalized, {}};
}

} // namespace tickets::validation
