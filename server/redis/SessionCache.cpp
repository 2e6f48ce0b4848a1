#include "redis/SessionCache.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <sodium.h>

namespace tickets::server {

namespace {
constexpr int kSessionCacheSeconds = 300;

// KEYS[1] the session's key; ARGV[1] and ARGV[2] the usuario key around its id. Returns the
// entry and the current version of that user's cache entry ('' when it has none).
const QByteArray kSessionAndVersionScript =
    QByteArrayLiteral("local s = redis.call('GET', KEYS[1]) if not s then return {} end "
                      "local ok, o = pcall(cjson.decode, s) "
                      "if not ok or type(o) ~= 'table' or type(o.usuario_id) ~= 'string' then return {s} end "
                      "return {s, redis.call('GET', ARGV[1] .. o.usuario_id .. ARGV[2]) or ''}");

QByteArray usuarioVersionKey(const QUuid &id)
{
    return ResponseCache::versionKey(CacheKey::usuario(id).key);
}

QByteArray signedPart(const QByteArray &tokenHash, const QByteArray &datos)
{
    return SessionCache::key(tokenHash).key + '\n' + datos;
}

struct Entry
{
    SessionCache::Session session;
    QByteArray usuarioJson;
    QByteArray usuarioVersion;
};

std::optional<Entry> readEntry(const QByteArray &key, const QByteArray &tokenHash, const QByteArray &json)
{
    if (key.isEmpty())
        return std::nullopt;
    const QJsonObject outer = QJsonDocument::fromJson(json).object();
    const QByteArray datos = outer.value(QStringLiteral("datos")).toString().toUtf8();
    const QByteArray mac = QByteArray::fromHex(outer.value(QStringLiteral("mac")).toString().toLatin1());
    if (datos.isEmpty() || !SessionCache::verify(key, signedPart(tokenHash, datos), mac))
        return std::nullopt;
    const QJsonObject inner = QJsonDocument::fromJson(datos).object();
    const QUuid id = QUuid::fromString(inner.value(QStringLiteral("usuario_id")).toString());
    const QJsonObject usuario = inner.value(QStringLiteral("usuario")).toObject();
    if (id.isNull() || usuario.isEmpty() ||
        outer.value(QStringLiteral("usuario_id")).toString() != id.toString(QUuid::WithoutBraces))
        return std::nullopt;
    return Entry{{id, inner.value(QStringLiteral("expira")).toInteger()},
                 QJsonDocument(usuario).toJson(QJsonDocument::Compact),
                 inner.value(QStringLiteral("uver")).toString().toLatin1()};
}
} // namespace

CacheKey SessionCache::key(const QByteArray &tokenHash)
{
    return {"sesion:" + tokenHash.toHex() + ":datos", kSessionCacheSeconds};
}

QByteArray SessionCache::mac(const QByteArray &key, const QByteArray &message)
{
    QByteArray out(crypto_auth_hmacsha256_BYTES, Qt::Uninitialized);
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char *>(key.constData()),
                                static_cast<size_t>(key.size()));
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char *>(message.constData()),
                                  static_cast<unsigned long long>(message.size()));
    crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char *>(out.data()));
    return out;
}

bool SessionCache::verify(const QByteArray &key, const QByteArray &message, const QByteArray &given)
{
    if (given.size() != crypto_auth_hmacsha256_BYTES)
        return false;
    const QByteArray expected = mac(key, message);
    return sodium_memcmp(expected.constData(), given.constData(), crypto_auth_hmacsha256_BYTES) == 0;
}

std::optional<SessionCache::WithUsuario> SessionCache::lookupWithUsuario(const QByteArray &tokenHash)
{
    if (m_macKey.isEmpty())
        return std::nullopt;
    RedisReply reply;
    try {
        reply = m_redis.command({"EVAL", kSessionAndVersionScript, "1", key(tokenHash).key, CacheKey::usuarioPrefix,
                                 QByteArray(CacheKey::usuarioSuffix) + ":version"});
    } catch (const RedisUnavailable &) {
        return std::nullopt;
    }
    if (reply.type != RedisReply::Type::Array || reply.elements.size() < 2)
        return std::nullopt;
    const auto entry = readEntry(m_macKey, tokenHash, reply.elements[0].string);
    // A user changed since the entry was made (role, activo, deactivation) bumped the version.
    if (!entry || entry->usuarioVersion != reply.elements[1].string)
        return std::nullopt;
    return WithUsuario{entry->session, entry->usuarioJson};
}

SessionCache::Handle SessionCache::prepare(const QByteArray &tokenHash)
{
    Handle handle;
    if (!m_macKey.isEmpty())
        handle.session = m_cache.lookup(key(tokenHash));
    return handle;
}

void SessionCache::prepareUsuario(Handle &handle, const QUuid &usuarioId)
{
    if (m_macKey.isEmpty() || !handle.session.redisAvailable)
        return;
    try {
        handle.usuarioVersion = m_redis.command({"GET", usuarioVersionKey(usuarioId)}).string;
    } catch (const RedisUnavailable &) {
        handle.session.redisAvailable = false;
    }
}

void SessionCache::store(const QByteArray &tokenHash, const Handle &handle, const Session &session,
                         const QByteArray &usuarioJson)
{
    if (m_macKey.isEmpty() || !handle.session.redisAvailable)
        return;
    const QString id = session.usuarioId.toString(QUuid::WithoutBraces);
    const QByteArray datos =
        QJsonDocument(QJsonObject{{QStringLiteral("usuario_id"), id},
                                  {QStringLiteral("expira"), session.expiresAtMs},
                                  {QStringLiteral("usuario"), QJsonDocument::fromJson(usuarioJson).object()},
                                  {QStringLiteral("uver"), QString::fromLatin1(handle.usuarioVersion)}})
            .toJson(QJsonDocument::Compact);
    const QByteArray entry =
        QJsonDocument(QJsonObject{{QStringLiteral("usuario_id"), id},
                                  {QStringLiteral("datos"), QString::fromUtf8(datos)},
                                  {QStringLiteral("mac"),
                                   QString::fromLatin1(mac(m_macKey, signedPart(tokenHash, datos)).toHex())}})
            .toJson(QJsonDocument::Compact);
    m_cache.store(key(tokenHash), handle.session, entry);
}

void SessionCache::invalidate(const QByteArray &tokenHash)
{
    m_cache.invalidate(key(tokenHash));
}

} // namespace tickets::server
