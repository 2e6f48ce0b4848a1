#pragma once
// GET of one resource through the cache: the cached JSON when there is a valid one,
// otherwise `load()` from PostgreSQL (which throws 404s), stored for the next reader.

#include "api/Replies.h"
#include "redis/ResponseCache.h"

#include <QJsonDocument>

namespace tickets::server {

template <typename Load> Response cachedResource(ResponseCache &cache, const CacheKey &key, Load load)
{
    const ResponseCache::Lookup lookup = cache.lookup(key);
    if (lookup.json)
        return jsonResponse(*lookup.json);
    const QByteArray json = QJsonDocument(load().toJson()).toJson(QJsonDocument::Compact);
    cache.store(key, lookup, json);
    return jsonResponse(json);
}

} // namespace tickets::server
