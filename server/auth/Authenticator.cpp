#include "auth/Authenticator.h"

#include "app/Logging.h"
#include "auth/PasswordHasher.h"
#include "auth/SessionToken.h"
#include "http/HttpError.h"
#include "redis/ResponseCache.h"
#include "storage/SessionRepository.h"
#include "storage/UsuarioRepository.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonDocument>
#include <QUrlQuery>

namespace tickets::server {

namespace {
constexpr int kSessionCacheSeconds = 300;
constexpr qint64 kRenewAfterMs = 60 * 1000; // a session is renewed at most once a minute

CacheKey sessionKey(const QByteArray &tokenHash)
{
    return {"sesion:" + tokenHash.toHex() + ":datos", kSessionCacheSeconds};
}

QByteArray sessionJson(const Session &session)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("usuario_id"), session.usuarioId.toString(QUuid::WithoutBraces)},
                                     {QStringLiteral("expira"), session.expiresAtMs}})
        .toJson(QJsonDocument::Compact);
}

// KEYS[1] the session's cache key; ARGV[1] and ARGV[2] the usuario cache key around its id.
// Both cached values in one round trip: the session, and the user it names.
const QByteArray kSessionAndUsuarioScript = QByteArrayLiteral(
    "local s = redis.call('GET', KEYS[1]) if not s then return {} end "
    "local ok, o = pcall(cjson.decode, s) "
    "if not ok or type(o) ~= 'table' or type(o.usuario_id) ~= 'string' then return {s} end "
    "return {s, redis.call('GET', ARGV[1] .. o.usuario_id .. ARGV[2])}");

std::optional<Session> sessionFromJson(const QByteArray &json)
{
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    const QUuid id = QUuid::fromString(object.value(QStringLiteral("usuario_id")).toString());
    if (id.isNull())
        return std::nullopt;
    return Session{id, object.value(QStringLiteral("expira")).toInteger()};
}
} // namespace

QByteArray bearerToken(const QHttpServerRequest &request)
{
    const QByteArray header = request.value("authorization").trimmed();
    const qsizetype space = header.indexOf(' ');
    if (space <= 0 || header.left(space).toLower() != "bearer")
        return {};
    return header.mid(space + 1).trimmed();
}

Authenticator::Authenticator(const AuthSettings &settings, SessionRepository &sessions, UsuarioRepository &usuarios,
                             ResponseCache &cache, RedisClient &redis)
    : m_settings(settings), m_sessions(sessions), m_usuarios(usuarios), m_cache(cache),
      m_redis(redis), m_throttle(redis, settings.maxFailedLogins, settings.failedLoginWindowSeconds)
{
}

std::optional<Access> Authenticator::cachedAccess(const QByteArray &hash, qint64 now)
{
    // The usuario key as ResponseCache writes it, split around the id.
    static const QList<QByteArray> usuarioKey = [] {
        const QByteArray nil = QUuid().toString(QUuid::WithoutBraces).toLatin1();
        const QByteArray key = CacheKey::usuario(QUuid()).key;
        const qsizetype at = key.indexOf(nil);
        return QList<QByteArray>{key.left(at), key.mid(at + nil.size())};
    }();
    RedisReply reply;
    try {
        reply = m_redis.command({"EVAL", kSessionAndUsuarioScript, "1", sessionKey(hash).key, usuarioKey[0], usuarioKey[1]});
    } catch (const RedisUnavailable &) {
        return std::nullopt;
    }
    if (reply.type != RedisReply::Type::Array || reply.elements.size() < 2 || reply.elements[1].isNil())
        return std::nullopt;
    const auto session = sessionFromJson(reply.elements[0].string);
    const auto usuario = Usuario::fromJson(QJsonDocument::fromJson(reply.elements[1].string).object());
    // Anything unusual (expired, due for renewal, inactive) takes the full path.
    if (!session || !usuario || usuario->id != session->usuarioId || !usuario->activo || session->expiresAtMs <= now ||
        session->expiresAtMs - now < m_settings.tokenTtlSeconds * 1000LL - kRenewAfterMs)
        return std::nullopt;
    return Access::of(*usuario, hash);
}

QString Authenticator::clientAddress(const QHttpServerRequest &request) const
{
    if (m_settings.trustProxy) {
        const QByteArray real = request.value("x-real-ip").trimmed();
        if (!real.isEmpty() && !QHostAddress(QString::fromLatin1(real)).isNull())
            return QString::fromLatin1(real);
    }
    return request.remoteAddress().toString();
}

std::optional<Usuario> Authenticator::activeUsuario(const QUuid &id)
{
    const CacheKey key = CacheKey::usuario(id);
    const ResponseCache::Lookup lookup = m_cache.lookup(key);
    std::optional<Usuario> usuario;
    if (lookup.json)
        usuario = Usuario::fromJson(QJsonDocument::fromJson(*lookup.json).object());
    if (!usuario) {
        usuario = m_usuarios.find(id);
        if (usuario)
            m_cache.store(key, lookup, QJsonDocument(usuario->toJson()).toJson(QJsonDocument::Compact));
    }
    if (!usuario || !usuario->activo)
        return std::nullopt;
    return usuario;
}

std::optional<Access> Authenticator::authenticate(const QByteArray &token)
{
    if (!SessionToken::looksValid(token))
        return std::nullopt;
    const QByteArray hash = SessionToken::hashOf(token);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (auto access = cachedAccess(hash, now))
        return access; // the usual case: one Redis round trip
    const CacheKey key = sessionKey(hash);

    const ResponseCache::Lookup lookup = m_cache.lookup(key);
    std::optional<Session> session = lookup.json ? sessionFromJson(*lookup.json) : std::nullopt;
    if (!session) {
        session = m_sessions.find(hash);
        if (!session)
            return std::nullopt;
        m_cache.store(key, lookup, sessionJson(*session));
    }
    if (session->expiresAtMs <= now) {
        m_cache.invalidate(key);
        return std::nullopt;
    }
    // Sliding expiry: renewed in PostgreSQL once a minute of use, not on every request.
    if (session->expiresAtMs - now < m_settings.tokenTtlSeconds * 1000LL - kRenewAfterMs) {
        session = m_sessions.renew(hash, m_settings.tokenTtlSeconds);
        m_cache.invalidate(key);
        if (!session)
            return std::nullopt;
    }
    auto usuario = activeUsuario(session->usuarioId);
    if (!usuario)
        return std::nullopt;
    return Access::of(*usuario, hash);
}

std::optional<Access> Authenticator::accessWith(const QByteArray &token)
{
    std::optional<Access> access = token.isEmpty() ? std::nullopt : authenticate(token);
    if (!m_settings.required)
        return access ? Access::open(access->caller(), access->tokenHash()) : Access::open();
    return access;
}

Access Authenticator::accessFor(const QHttpServerRequest &request, bool publicRoute)
{
    if (auto access = accessWith(bearerToken(request)))
        return *access;
    if (publicRoute)
        return Access::anonymous();
    throw HttpError::unauthenticated();
}

std::optional<Access> Authenticator::liveAccessFor(const QHttpServerRequest &request)
{
    QByteArray token = bearerToken(request);
    if (token.isEmpty())
        token = request.query().queryItemValue(QStringLiteral("access_token"), QUrl::FullyDecoded).toLatin1();
    return accessWith(token);
}

LoginResult Authenticator::login(const LoginRequest &credentials, const QString &clientAddress)
{
    if (const int wait = m_throttle.retryAfter(credentials.email, clientAddress); wait > 0) {
        qCInfo(lcAuth).noquote() << "login refused: too many failures from" << clientAddress;
        throw HttpError(429, detail::demasiadosIntentos.arg(wait), {{"Retry-After", QByteArray::number(wait)}});
    }
    const auto account = m_usuarios.credentialsByEmail(credentials.email);
    // Verified even for an unknown address (against a decoy), so timing tells nothing.
    const bool passwordOk = PasswordHasher::verify(account ? account->passwordHash : QByteArray(), credentials.password);
    if (!account || !passwordOk || !account->usuario.activo) {
        m_throttle.recordFailure(credentials.email, clientAddress);
        qCInfo(lcAuth).noquote() << "login failed from" << clientAddress;
        throw HttpError::unauthenticated(detail::credencialesIncorrectas);
    }
    m_throttle.reset(credentials.email, clientAddress);
    const SessionToken token = SessionToken::generate();
    m_sessions.create(token.hash, account->usuario.id, m_settings.tokenTtlSeconds);
    qCInfo(lcAuth).noquote() << "login of usuario" << account->usuario.id.toString(QUuid::WithoutBraces) << "from"
                             << clientAddress;
    return LoginResult{QString::fromLatin1(token.token), QStringLiteral("bearer"), m_settings.tokenTtlSeconds,
                       account->usuario};
}

void Authenticator::logout(const Access &access)
{
    if (access.tokenHash().isEmpty())
        return;
    m_sessions.revoke(access.tokenHash());
    m_cache.invalidate(sessionKey(access.tokenHash()));
    qCInfo(lcAuth).noquote() << "logout of usuario" << access.callerId().toString(QUuid::WithoutBraces);
}

void Authenticator::endSessionsOf(const QUuid &usuarioId, const QByteArray &keepTokenHash)
{
    for (const QByteArray &hash : m_sessions.revokeAllOf(usuarioId, keepTokenHash))
        m_cache.invalidate(sessionKey(hash));
}

} // namespace tickets::server
