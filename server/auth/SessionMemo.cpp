#include "auth/SessionMemo.h"

#include "events/Events.h"

namespace tickets::server {

namespace {
const QByteArray kSessionPrefix = "sesion:";
const QByteArray kUsuarioPrefix = "usuario:";
} // namespace

std::optional<Access> SessionMemo::find(const QByteArray &tokenHash, qint64 nowMs) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_entries.constFind(tokenHash);
    if (it == m_entries.cend() || it->validUntilMs <= nowMs)
        return std::nullopt;
    return it->access;
}

quint64 SessionMemo::epoch() const
{
    std::lock_guard lock(m_mutex);
    return m_epoch;
}

void SessionMemo::remember(const QByteArray &tokenHash, const Access &access, qint64 validUntilMs,
                           quint64 epochBeforeLookup)
{
    std::lock_guard lock(m_mutex);
    if (epochBeforeLookup != m_epoch)
        return;
    if (m_entries.size() >= kCapacity && !m_entries.contains(tokenHash)) {
        // Full: expired entries go first; when none has, everything does (refilled in 2 s).
        const qint64 now = validUntilMs - kTtlMs;
        m_entries.removeIf([now](const auto &entry) { return entry.value().validUntilMs <= now; });
        if (m_entries.size() >= kCapacity)
            m_entries.clear();
    }
    m_entries.insert(tokenHash, Entry{access, validUntilMs});
}

void SessionMemo::forgetSession(const QByteArray &tokenHash)
{
    std::lock_guard lock(m_mutex);
    ++m_epoch;
    m_entries.remove(tokenHash);
}

void SessionMemo::forgetUsuario(const QUuid &usuarioId)
{
    std::lock_guard lock(m_mutex);
    ++m_epoch;
    m_entries.removeIf([&](const auto &entry) { return entry.value().access.callerId() == usuarioId; });
}

void SessionMemo::apply(const QByteArray &message)
{
    if (message.startsWith(kSessionPrefix)) {
        forgetSession(QByteArray::fromHex(message.mid(kSessionPrefix.size())));
    } else if (message.startsWith(kUsuarioPrefix)) {
        forgetUsuario(QUuid::fromString(QLatin1String(message.mid(kUsuarioPrefix.size()))));
    } else if (const auto event = events::Event::fromJson(message);
               event && event->evento == events::evento::usuarioActualizado) {
        forgetUsuario(QUuid::fromString(event->field(QStringLiteral("usuario_id")).toString()));
    }
}

QByteArray SessionMemo::sessionEndedMessage(const QByteArray &tokenHash)
{
    return kSessionPrefix + tokenHash.toHex();
}

QByteArray SessionMemo::usuarioChangedMessage(const QUuid &usuarioId)
{
    return kUsuarioPrefix + usuarioId.toByteArray(QUuid::WithoutBraces);
}

} // namespace tickets::server
