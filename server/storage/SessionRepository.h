#pragma once
// Login sessions in PostgreSQL, keyed by the SHA-256 of their token. Expiry slides: a session
// in use is renewed, an idle one dies after the configured time.

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QUuid>

#include <optional>

namespace tickets::server {

class Database;

struct Session
{
    QUuid usuarioId;
    qint64 expiresAtMs = 0; // epoch milliseconds
};

class SessionRepository
{
public:
    explicit SessionRepository(Database &db) : m_db(db) {}

    // `maxSeconds`: the absolute cap from the login, which no renewal passes.
    void create(const QByteArray &tokenHash, const QUuid &usuarioId, int ttlSeconds, int maxSeconds);
    // Nothing when unknown, expired, or older than `maxSeconds` (the cap; 0: none).
    std::optional<Session> find(const QByteArray &tokenHash, int maxSeconds = 0);
    std::optional<Session> renew(const QByteArray &tokenHash, int ttlSeconds, int maxSeconds); // nothing when gone
    bool revoke(const QByteArray &tokenHash);
    // The hashes of every session still usable: unexpired, of an active user.
    QSet<QByteArray> liveHashes();
    // Every session of a user, but the one given (a password change keeps the changer's own);
    // returns the revoked hashes, whose cached copies must go too.
    QList<QByteArray> revokeAllOf(const QUuid &usuarioId, const QByteArray &exceptTokenHash = {});

    // At start-up. Open mode (AUTH_REQUIRED=false): records that open mode began (kept if it
    // already had). AUTH_REQUIRED=true: ends every session created since open mode began,
    // clears the mark, and returns the hashes ended.
    void recordOpenMode();
    // The key cached sessions are signed with: `candidate` stored if no instance stored one
    // before, and whatever is stored returned, so every instance shares it.
    QByteArray sharedKey(const QByteArray &candidate);
    QList<QByteArray> endOpenModeSessions();

private:
    Database &m_db;
};

} // namespace tickets::server
