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
      m_throttle(redis, settings.maxFailedLogins, settings.failedLoginWindowSeconds)
{
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
    const CacheKey key = sessionKey(hash);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();

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

Access Authenticator::accessFor(const QHttpServerRequest &request, bool publicRoute)
{
    const QByteArray token = bearerToken(request);
    std::optional<Access> access = token.isEmpty() ? std::nullopt : authenticate(token);
    if (!m_settings.required)
        return access ? Access::open(access->caller(), access->tokenHash()) : Access::open();
    if (access)
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
    std::optional<Access> access = token.isEmpty() ? std::nullopt : authenticate(token);
    if (!m_settings.required)
        return access ? Access::open(access->caller(), access->tokenHash()) : Access::open();
    return access;
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
