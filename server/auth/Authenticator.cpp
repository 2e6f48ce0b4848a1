#include "auth/Authenticator.h"

#include "auth/Logging.h"
#include "auth/PasswordHasher.h"
#include "auth/SessionToken.h"
#include "protocol/ErrorKind.h"
#include "protocol/Messages.h"
#include "redis/RedisClient.h"
#include "redis/ResponseCache.h"
#include "redis/SessionCache.h"
#include "storage/SessionRepository.h"
#include "storage/UsuarioRepository.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonDocument>

#include <algorithm>

namespace tickets::server {

namespace {
constexpr qint64 kRenewAfterMs = 60 * 1000; // a session is renewed at most once a minute
} // namespace

Authenticator::Authenticator(const AuthSettings &settings, SessionRepository &sessions, UsuarioRepository &usuarios,
                             ResponseCache &cache, RedisClient &redis, SessionMemo *memo)
    : m_settings(settings), m_sessions(sessions), m_usuarios(usuarios), m_redis(redis), m_memo(memo),
      m_sessionCache(cache, redis, settings.macKey),
      m_throttle(redis, settings.maxFailedLogins, settings.failedLoginWindowSeconds)
{
    QStringList invalid;
    m_trustedProxies = AddressList(settings.trustedProxies, &invalid);
    for (const QString &entry : std::as_const(invalid))
        qCWarning(lcAuth).noquote() << "TICKETS_TRUSTED_PROXIES: not an address or subnet, ignored:" << entry;
}

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
    const QHostAddress from = AddressList::unmapped(peer);
    if (m_settings.trustProxy) {
        const bool trusted = m_trustedProxies.contains(from);
        const QByteArray real = realIpHeader.trimmed();
        if (trusted && !real.isEmpty() && !QHostAddress(QString::fromLatin1(real)).isNull())
            return QHostAddress(QString::fromLatin1(real)).toString();
    }
    return from.toString();
}

std::optional<Usuario> Authenticator::activeUsuario(const QUuid &id)
{
    // From PostgreSQL: the unsigned usuario:{id}:datos entry (the GET's cache) never decides
    // who someone is.
    auto usuario = m_usuarios.find(id);
    if (!usuario || !usuario->activo)
        return std::nullopt;
    return usuario;
}

std::optional<Access> Authenticator::authenticate(const QByteArray &token)
{
    if (!SessionToken::looksValid(token))
        return std::nullopt;
    return authenticateHash(SessionToken::hashOf(token));
}

std::optional<Access> Authenticator::authenticateHash(const QByteArray &hash)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const quint64 epoch = m_memo ? m_memo->epoch() : 0;
    if (m_memo) {
        if (auto access = m_memo->find(hash, now))
            return access; // the usual case: no round trip at all
    }
    qint64 expiresAtMs = 0;
    if (auto access = cachedAccess(hash, now, &expiresAtMs)) {
        remember(hash, *access, expiresAtMs, now, epoch);
        return access; // one Redis round trip, a signed entry
    }
    // Otherwise PostgreSQL decides; what it says is cached, signed, for the next minute. The
    // session entry's version is taken first, so a logout racing this read is not undone.
    SessionCache::Handle handle = m_sessionCache.prepare(hash);
    std::optional<Session> session = m_sessions.find(hash, m_settings.sessionMaxSeconds);
    if (!session)
        return std::nullopt;
    // Sliding expiry: renewed in PostgreSQL once a minute of use, not on every request.
    if (session->expiresAtMs - now < m_settings.tokenTtlSeconds * 1000LL - kRenewAfterMs) {
        session = m_sessions.renew(hash, m_settings.tokenTtlSeconds, m_settings.sessionMaxSeconds);
        if (!session)
            return std::nullopt;
    }
    m_sessionCache.prepareUsuario(handle, session->usuarioId);
    auto usuario = activeUsuario(session->usuarioId);
    if (!usuario)
        return std::nullopt;
    m_sessionCache.store(hash, handle, SessionCache::Session{session->usuarioId, session->expiresAtMs},
                         QJsonDocument(usuario->toJson()).toJson(QJsonDocument::Compact));
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

namespace {
QByteArray liveTicketKey(const QByteArray &ticket)
{
    return "wsticket:" + SessionToken::hashOf(ticket).toHex();
}
// KEYS[1] the ticket's key: read and deleted at once, so a ticket works once.
const QByteArray kSpendTicketScript =
    QByteArrayLiteral("local v = redis.call('GET', KEYS[1]) if v then redis.call('DEL', KEYS[1]) end return v");
} // namespace

QByteArray Authenticator::issueLiveTicket(const Access &access)
{
    if (access.tokenHash().isEmpty())
        throw protocol::Error::unauthenticated();
    const SessionToken ticket = SessionToken::generate();
    try {
        const RedisReply reply = m_redis.command({"SET", liveTicketKey(ticket.token), access.tokenHash().toHex(), "EX",
                                                  QByteArray::number(kLiveTicketSeconds), "NX"});
        if (reply.isError())
            throw protocol::Error::unavailable();
    } catch (const RedisUnavailable &) {
        throw protocol::Error::unavailable();
    }
    return ticket.token;
}

std::optional<Access> Authenticator::liveAccessWith(const QByteArray &token, const QByteArray &ticket)
{
    if (!token.isEmpty() || ticket.isEmpty())
        return accessWith(token);
    std::optional<Access> access;
    if (SessionToken::looksValid(ticket)) {
        try {
            const RedisReply reply = m_redis.command({"EVAL", kSpendTicketScript, "1", liveTicketKey(ticket)});
            if (reply.type == RedisReply::Type::String)
                access = authenticateHash(QByteArray::fromHex(reply.string));
        } catch (const RedisUnavailable &) {
            // No ticket can be checked: the client falls back to its token.
        }
    }
    if (!m_settings.required)
        return access ? Access::open(access->caller(), access->tokenHash()) : Access::open();
    return access;
}

Access Authenticator::liveAccessFor(const QByteArray &token, const QByteArray &ticket)
{
    if (auto access = liveAccessWith(token, ticket))
        return *access;
    throw protocol::Error::unauthenticated();
}

Access Authenticator::accessFor(const QByteArray &token, bool publicRoute)
{
    if (auto access = accessWith(token))
        return *access;
    if (publicRoute)
        return Access::anonymous();
    throw protocol::Error::unauthenticated();
}

Authenticator::LoginAttempt Authenticator::startLogin(const LoginRequest &credentials, const QString &clientAddress)
{
    if (PasswordHasher::verifiersFull()) {
        qCWarning(lcAuth).noquote() << "login refused: the password verifiers are all busy";
        throw protocol::Error(protocol::ErrorKind::Unavailable, protocol::msg::verificadoresOcupados, 1);
    }
    // Folded once, as the SQL lookup folds it, for the lookup and every counter.
    const QString email = LoginThrottle::fold(credentials.email);
    const auto account = m_usuarios.credentialsByEmail(email);
    // Across addresses an existing account is counted by its id, whatever spelling reached it.
    const QString accountName = account ? account->usuario.id.toString(QUuid::WithoutBraces) : email;
    // Checked and counted at once: concurrent attempts cannot all slip under the limit.
    if (const int wait = m_throttle.attempt(email, clientAddress, accountName); wait > 0) {
        qCInfo(lcAuth).noquote() << "login refused: too many failures from" << clientAddress;
        throw protocol::Error::tooManyRequests(protocol::msg::demasiadosIntentos.arg(wait), wait);
    }
    // Verified even for an unknown address (against a decoy), so timing tells nothing; on the
    // verifiers' bounded pool, never more than it holds.
    const std::optional<QFuture<bool>> check =
        PasswordHasher::verifyOnPool(account ? account->passwordHash : QByteArray(), credentials.password);
    if (!check) {
        m_throttle.giveBack(email, clientAddress, accountName);
        qCWarning(lcAuth).noquote() << "login refused: the password verifiers are all busy";
        throw protocol::Error(protocol::ErrorKind::Unavailable, protocol::msg::verificadoresOcupados, 1);
    }
    LoginAttempt attempt;
    attempt.password = *check;
    attempt.conclude = [this, account, email, clientAddress, accountName, check = *check] {
        if (!account || !check.result() || !account->usuario.activo) {
            qCInfo(lcAuth).noquote() << "login failed from" << clientAddress;
            throw protocol::Error::unauthenticated(protocol::msg::credencialesIncorrectas);
        }
        m_throttle.reset(email, clientAddress, accountName);
        const SessionToken token = SessionToken::generate();
        m_sessions.create(token.hash, account->usuario.id, m_settings.tokenTtlSeconds, m_settings.sessionMaxSeconds);
        qCInfo(lcAuth).noquote() << "login of usuario" << account->usuario.id.toString(QUuid::WithoutBraces) << "from"
                                 << clientAddress;
        return LoginResult{QString::fromLatin1(token.token), QStringLiteral("bearer"), m_settings.tokenTtlSeconds,
                           account->usuario};
    };
    return attempt;
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
