#include "auth/Authenticator.h"

#include "auth/Logging.h"
#include "auth/PasswordHasher.h"
#include "auth/SessionToken.h"
#include "protocol/ErrorKind.h"
#include "protocol/Messages.h"
#include "redis/ResponseCache.h"
#include "redis/SessionCache.h"
#include "storage/SessionRepository.h"
#include "storage/UsuarioRepository.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonDocument>

namespace tickets::server {

namespace {
constexpr qint64 kRenewAfterMs = 60 * 1000; // a session is renewed at most once a minute
} // namespace

Authenticator::Authenticator(const AuthSettings &settings, SessionRepository &sessions, UsuarioRepository &usuarios,
                             ResponseCache &cache, RedisClient &redis, SessionMemo *memo)
    : m_settings(settings), m_sessions(sessions), m_usuarios(usuarios), m_cache(cache), m_redis(redis), m_memo(memo),
      m_sessionCache(cache, redis), m_throttle(redis, settings.maxFailedLogins, settings.failedLoginWindowSeconds)
{}

std::optional<Access> Authenticator::cachedAccess(const QByteArray &hash, qint64 now, qint64 *expiresAtMs)
{
    const auto cached = m_sessionCache.lookupWithUsuario(hash);
    if (!cached)
        return std::nullopt;
    const auto usuario = Usuario::fromJson(QJsonDocument::fromJson(cached->usuarioJson).object());
    const SessionCache::Session &session = cached->session;
    // Anything unusual (expired, due for renewal, inactive) takes the full path.
    if (!usuario || usuario->id != session.usuarioId || !usuario->activo || session.expiresAtMs <= now ||
        session.expiresAtMs - now < m_settings.tokenTtlSeconds * 1000LL - kRenewAfterMs)
        return std::nullopt;
    *expiresAtMs = session.expiresAtMs;
    return Access::of(*usuario, hash);
}

void Authenticator::remember(const QByteArray &hash, const Access &access, qint64 expiresAtMs, qint64 now,
                             quint64 epoch)
{
    if (!m_memo)
        return;
    // Until the session is due for renewal (the full path renews it), and at most kTtlMs.
    const qint64 renewalDue = expiresAtMs - m_settings.tokenTtlSeconds * 1000LL + kRenewAfterMs;
    m_memo->remember(hash, access, std::min(now + SessionMemo::kTtlMs, renewalDue), epoch);
}

void Authenticator::announce(const QByteArray &memoMessage)
{
    try {
        m_redis.command({"PUBLISH", SessionMemo::kChannel, memoMessage});
    } catch (const std::exception &error) {
        qCWarning(lcAuth) << "other instances forget the session within" << SessionMemo::kTtlMs
                          << "ms instead; publishing failed:" << error.what();
    }
}

QString Authenticator::clientAddress(const QHostAddress &peer, const QByteArray &realIpHeader) const
{
    if (m_settings.trustProxy) {
        const QByteArray real = realIpHeader.trimmed();
        if (!real.isEmpty() && !QHostAddress(QString::fromLatin1(real)).isNull())
            return QString::fromLatin1(real);
    }
    return peer.toString();
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
    const quint64 epoch = m_memo ? m_memo->epoch() : 0;
    if (m_memo) {
        if (auto access = m_memo->find(hash, now))
            return access; // the usual case: no round trip at all
    }
    qint64 expiresAtMs = 0;
    if (auto access = cachedAccess(hash, now, &expiresAtMs)) {
        remember(hash, *access, expiresAtMs, now, epoch);
        return access; // one Redis round trip
    }
    ResponseCache::Lookup handle;
    std::optional<SessionCache::Session> session = m_sessionCache.lookup(hash, &handle);
    if (!session) {
        const auto stored = m_sessions.find(hash);
        if (!stored)
            return std::nullopt;
        session = SessionCache::Session{stored->usuarioId, stored->expiresAtMs};
        m_sessionCache.store(hash, handle, *session);
    }
    if (session->expiresAtMs <= now) {
        m_sessionCache.invalidate(hash);
        return std::nullopt;
    }
    // Sliding expiry: renewed in PostgreSQL once a minute of use, not on every request.
    if (session->expiresAtMs - now < m_settings.tokenTtlSeconds * 1000LL - kRenewAfterMs) {
        const auto renewed = m_sessions.renew(hash, m_settings.tokenTtlSeconds);
        m_sessionCache.invalidate(hash);
        if (!renewed)
            return std::nullopt;
        session = SessionCache::Session{renewed->usuarioId, renewed->expiresAtMs};
    }
    auto usuario = activeUsuario(session->usuarioId);
    if (!usuario)
        return std::nullopt;
    Access access = Access::of(*usuario, hash);
    remember(hash, access, session->expiresAtMs, now, epoch);
    return access;
}

std::optional<Access> Authenticator::accessWith(const QByteArray &token)
{
    std::optional<Access> access = token.isEmpty() ? std::nullopt : authenticate(token);
    if (!m_settings.required)
        return access ? Access::open(access->caller(), access->tokenHash()) : Access::open();
    return access;
}

Access Authenticator::accessFor(const QByteArray &token, bool publicRoute)
{
    if (auto access = accessWith(token))
        return *access;
    if (publicRoute)
        return Access::anonymous();
    throw protocol::Error::unauthenticated();
}

LoginResult Authenticator::login(const LoginRequest &credentials, const QString &clientAddress)
{
    if (const int wait = m_throttle.retryAfter(credentials.email, clientAddress); wait > 0) {
        qCInfo(lcAuth).noquote() << "login refused: too many failures from" << clientAddress;
        throw protocol::Error::tooManyRequests(protocol::msg::demasiadosIntentos.arg(wait), wait);
    }
    const auto account = m_usuarios.credentialsByEmail(credentials.email);
    // Verified even for an unknown address (against a decoy), so timing tells nothing.
    const bool passwordOk =
        PasswordHasher::verify(account ? account->passwordHash : QByteArray(), credentials.password);
    if (!account || !passwordOk || !account->usuario.activo) {
        m_throttle.recordFailure(credentials.email, clientAddress);
        qCInfo(lcAuth).noquote() << "login failed from" << clientAddress;
        throw protocol::Error::unauthenticated(protocol::msg::credencialesIncorrectas);
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
    m_sessionCache.invalidate(access.tokenHash());
    if (m_memo) {
        m_memo->forgetSession(access.tokenHash());
        announce(SessionMemo::sessionEndedMessage(access.tokenHash()));
    }
    qCInfo(lcAuth).noquote() << "logout of usuario" << access.callerId().toString(QUuid::WithoutBraces);
}

void Authenticator::endSessionsOf(const QUuid &usuarioId, const QByteArray &keepTokenHash)
{
    for (const QByteArray &hash : m_sessions.revokeAllOf(usuarioId, keepTokenHash)) {
        m_sessionCache.invalidate(hash);
        if (m_memo) {
            m_memo->forgetSession(hash);
            announce(SessionMemo::sessionEndedMessage(hash));
        }
    }
}

void Authenticator::usuarioChanged(const QUuid &usuarioId)
{
    // Other instances hear usuario_actualizado from the outbox; this one forgets at once.
    if (m_memo)
        m_memo->forgetUsuario(usuarioId);
}

} // namespace tickets::server
