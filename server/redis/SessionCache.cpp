#include "redis/SessionCache.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace tickets::server {

namespace {
constexpr int kSessionCacheSeconds = 300;

// KEYS[1] the session's key; ARGV[1] and ARGV[2] the usuario key around its id.
const QByteArray kSessionAndUsuarioScript =
    QByteArrayLiteral("local s = redis.call('GET', KEYS[1]) if not s then return {} end "
                      "local ok, o = pcall(cjson.decode, s) "
                      "if not ok or type(o) ~= 'table' or type(o.usuario_id) ~= 'string' then return {s} end "
                      "return {s, redis.call('GET', ARGV[1] .. o.usuario_id .. ARGV[2])}");

QByteArray toJson(const SessionCache::Session &session)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("usuario_id"), session.usuarioId.toString(QUuid::WithoutBraces)},
                                     {QStringLiteral("expira"), session.expiresAtMs}})
        .toJson(QJsonDocument::Compact);
}

std::optional<SessionCache::Session> fromJson(const QByteArray &json)
{
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    const QUuid id = QUuid::fromString(object.value(QStringLiteral("usuario_id")).toString());
    if (id.isNull())
        return std::nullopt;
    return SessionCache::Session{id, object.value(QStringLiteral("expira")).toInteger()};
}
} // namespace

CacheKey SessionCache::key(const QByteArray &tokenHash)
{
    return {"sesion:" + tokenHash.toHex() + ":datos", kSessionCacheSeconds};
}

std::optional<SessionCache::WithUsuario> SessionCache::lookupWithUsuario(const QByteArray &tokenHash)
{
    RedisReply reply;
    try {
        reply = m_redis.command({"EVAL", kSessionAndUsuarioScript, "1", key(tokenHash).key, CacheKey::usuarioPrefix,
                                 CacheKey::usuarioSuffix});
    } catch (const RedisUnavailable &) {
        return std::nullopt;
    }
    if (reply.type != RedisReply::Type::Array || reply.elements.size() < 2 || reply.elements[1].isNil())
        return std::nullopt;
    const auto session = fromJson(reply.elements[0].string);
    if (!session)
        return std::nullopt;
    return WithUsuario{*session, reply.elements[1].string};
}

std::optional<SessionCache::Session> SessionCache::lookup(const QByteArray &tokenHash, ResponseCache::Lookup *handle)
{
    *handle = m_cache.lookup(key(tokenHash));
    return handle->json ? fromJson(*handle->json) : std::nullopt;
}

void SessionCache::store(const QByteArray &tokenHash, const ResponseCache::Lookup &handle, const Session &session)
{
    m_cache.store(key(tokenHash), handle, toJson(session));
}

void SessionCache::invalidate(const QByteArray &tokenHash)
{
    m_cache.invalidate(key(tokenHash));
}

} // namespace tickets::server
