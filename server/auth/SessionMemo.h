#pragma once
// Validated sessions remembered in-process, so a request with a token costs no Redis round
// trip. Shared by every REST thread of one server. An entry lives at most kTtlMs (the bound
// on staleness when the invalidation feed is down) and never past the moment its session is
// due for renewal; every instance forgets a session within milliseconds when it ends
// (logout, password change: a message on kChannel) and a user's sessions when the user
// changes (role, deactivation: usuario_actualizado on the events channel). Bounded in size.

#include "auth/Access.h"

#include <QByteArray>
#include <QHash>
#include <QUuid>

#include <mutex>
#include <optional>

namespace tickets::server {

class SessionMemo
{
public:
    static constexpr qint64 kTtlMs = 2000;
    static constexpr int kCapacity = 100000;
    // Private to the servers (not part of the contract): "sesion:<sha256 hex>" or "usuario:<uuid>".
    static constexpr const char *kChannel = "canal:sesiones:invalidadas";

    std::optional<Access> find(const QByteArray &tokenHash, qint64 nowMs) const;
    // Counts forgets: an Access looked up before a forget is not remembered after it (a
    // logout racing a request would otherwise be undone for kTtlMs).
    quint64 epoch() const;
    void remember(const QByteArray &tokenHash, const Access &access, qint64 validUntilMs, quint64 epochBeforeLookup);
    void forgetSession(const QByteArray &tokenHash);
    void forgetUsuario(const QUuid &usuarioId);
    // A message of kChannel, or an event of the events channel (usuario_actualizado).
    void apply(const QByteArray &message);

    static QByteArray sessionEndedMessage(const QByteArray &tokenHash);
    static QByteArray usuarioChangedMessage(const QUuid &usuarioId);

private:
    struct Entry
    {
        Access access;
        qint64 validUntilMs;
    };
    mutable std::mutex m_mutex;
    QHash<QByteArray, Entry> m_entries;
    quint64 m_epoch = 0;
};

} // namespace tickets::server
