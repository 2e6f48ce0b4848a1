#pragma once
// Who of the staff is on which ticket, shared by every instance (presence is ephemeral: never in
// PostgreSQL nor the outbox). One entry per (ticket, user, connection):
//   presencia:ticket:{ticket_id}  hash: "{usuario_id}|{conexion}" -> "{estado}|{desde, ms}|{nombre}"
//                                 (expires 2 TTL after its last write, for a hash nobody sweeps)
//   presencia:expira              sorted set: "{ticket_id}|{usuario_id}|{conexion}" scored by the
//                                 entry's expiry (ms, Redis's clock: TIME)
// An entry whose expiry has passed is never listed, and sweep() removes it. A user's state on a
// ticket is the most active of their live entries (escribiendo > viendo), so with two sockets
// they are "fuera" only when the last one leaves. Every change runs as one Lua script.

#include "redis/RedisClient.h"

#include <QDateTime>
#include <QJsonObject>
#include <QUuid>

namespace tickets::server {

class PresenceStore
{
public:
    static constexpr char kExpiryKey[] = "presencia:expira";
    static QByteArray ticketKey(const QUuid &ticketId);

    explicit PresenceStore(RedisClient &redis) : m_redis(redis) {}

    // The user's state on the ticket before and after one connection's change; `estado` fuera
    // removes that connection's entry, otherwise it is written (its `desde` kept while the
    // state stays) and lives `ttlMs` more. Throws RedisUnavailable.
    struct Change
    {
        QString before;
        QString after;
        bool changed() const { return before != after; }
    };
    Change set(const QUuid &ticketId, const QUuid &usuarioId, const QByteArray &conexion, const QString &estado,
               const QString &nombre, qint64 ttlMs);

    // Removes up to `limit` expired entries (of any instance, once: one script takes them) and
    // says whose state dropped because of it. Throws RedisUnavailable.
    struct Drop
    {
        QUuid ticketId;
        QUuid usuarioId;
        QString nombre;
        QString estado; // the state now: fuera, or viendo when another connection still views
    };
    QList<Drop> sweep(int limit = 500);

    // Who is on the ticket now, one row per user; throws RedisUnavailable.
    struct Entry
    {
        QUuid usuarioId;
        QString nombre;
        QString estado;
        QDateTime desde; // since when in that state

        QJsonObject toJson() const; // {usuario_id, nombre, estado, desde}
    };
    QList<Entry> list(const QUuid &ticketId);

private:
    RedisReply eval(const QByteArray &script, const QList<QByteArray> &arguments);

    RedisClient &m_redis;
};

} // namespace tickets::server
