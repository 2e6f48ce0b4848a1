#pragma once
// The Redis keys of cached resources, as the original backend named them (part of the
// contract): usuario:{id}:datos for 3600 s and ticket:{id}:completo for 900 s. Written here
// because two layers name them: the cache reads and fills them, and the storage layer queues
// their invalidation in the outbox, ahead of the event that announces the change.

#include <QByteArray>
#include <QUuid>

namespace tickets::protocol {

struct CacheKey
{
    QByteArray key;
    int ttlSeconds;

    static CacheKey usuario(const QUuid &id)
    {
        return {usuarioPrefix + id.toString(QUuid::WithoutBraces).toLatin1() + usuarioSuffix, 3600};
    }
    static CacheKey ticket(const QUuid &id)
    {
        return {"ticket:" + id.toString(QUuid::WithoutBraces).toLatin1() + ":completo", 900};
    }

    // usuario:{id}:datos around the id, for scripts that build the key inside Redis.
    static constexpr char usuarioPrefix[] = "usuario:";
    static constexpr char usuarioSuffix[] = ":datos";
};

} // namespace tickets::protocol
