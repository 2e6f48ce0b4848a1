#include "storage/SessionRepository.h"

#include "storage/Database.h"
#include "storage/Rows.h"
#include "storage/SqlColumns.h"

#include <QSqlQuery>
#include <QVariant>

namespace tickets::server {

namespace {
Session fromRow(const QSqlQuery &q)
{
    return Session{QUuid::fromString(q.value(0).toString()), q.value(1).toLongLong()};
}
const QString kReturning = QStringLiteral(" RETURNING usuario_id, ") + timestampColumn(QStringLiteral("expira"));
} // namespace

void SessionRepository::create(const QByteArray &tokenHash, const QUuid &usuarioId, int ttlSeconds, int maxSeconds)
{
    m_db.transaction([&] {
        // Sessions long dead go with each login: the table stays the size of its live sessions.
        QSqlQuery &purge =
            m_db.prepared(QStringLiteral("DELETE FROM sesiones WHERE expira < now() - interval '1 day'"));
        m_db.exec(purge);
        purge.finish();
        QSqlQuery &insert =
            m_db.prepared(QStringLiteral("INSERT INTO sesiones (token_hash, usuario_id, expira) "
                                         "VALUES (?, ?, now() + make_interval(secs => least(?::int, ?::int)))"));
        insert.bindValue(0, tokenHash);
        insert.bindValue(1, usuarioId);
        insert.bindValue(2, ttlSeconds);
        insert.bindValue(3, maxSeconds);
        m_db.exec(insert);
        insert.finish();
    });
}

std::optional<Session> SessionRepository::find(const QByteArray &tokenHash, int maxSeconds)
{
    return m_db.read([&] {
        QSqlQuery &q =
            m_db.prepared(QStringLiteral("SELECT usuario_id, ") + timestampColumn(QStringLiteral("expira")) +
                          QStringLiteral(" FROM sesiones WHERE token_hash = ? AND expira > now() "
                                         "AND (?::int = 0 OR creada + make_interval(secs => ?::int) > now())"));
        q.bindValue(0, tokenHash);
        q.bindValue(1, maxSeconds);
        q.bindValue(2, maxSeconds);
        return fetchOne(m_db, q, fromRow);
    });
}

std::optional<Session> SessionRepository::renew(const QByteArray &tokenHash, int ttlSeconds, int maxSeconds)
{
    return m_db.transaction([&] {
        // Sliding, but never past the cap counted from the login (creada).
        QSqlQuery &q =
            m_db.prepared(QStringLiteral("UPDATE sesiones SET expira = least(now() + make_interval(secs => ?), "
                                         "creada + make_interval(secs => ?)) WHERE token_hash = ? AND expira > now()") +
                          kReturning);
        q.bindValue(0, ttlSeconds);
        q.bindValue(1, maxSeconds);
        q.bindValue(2, tokenHash);
        return fetchOne(m_db, q, fromRow);
    });
}

QSet<QByteArray> SessionRepository::liveHashes()
{
    return m_db.read([&] {
        QSqlQuery &q =
            m_db.prepared(QStringLiteral("SELECT s.token_hash FROM sesiones s JOIN usuarios u ON u.id = s.usuario_id "
                                         "WHERE s.expira > now() AND u.activo"));
        const QList<QByteArray> rows =
            fetchAll(m_db, q, [](const QSqlQuery &row) { return row.value(0).toByteArray(); });
        return QSet<QByteArray>(rows.cbegin(), rows.cend());
    });
}

bool SessionRepository::revoke(const QByteArray &tokenHash)
{
    return m_db.transaction([&] {
        QSqlQuery &q = m_db.prepared(QStringLiteral("DELETE FROM sesiones WHERE token_hash = ?"));
        q.bindValue(0, tokenHash);
        m_db.exec(q);
        const bool removed = q.numRowsAffected() > 0;
        q.finish();
        return removed;
    });
}

QList<QByteArray> SessionRepository::revokeAllOf(const QUuid &usuarioId, const QByteArray &exceptTokenHash)
{
    return m_db.transaction([&] {
        QSqlQuery &q = m_db.prepared(QStringLiteral(
            "DELETE FROM sesiones WHERE usuario_id = ? AND token_hash IS DISTINCT FROM ? RETURNING token_hash"));
        q.bindValue(0, usuarioId);
        q.bindValue(1, exceptTokenHash.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>())
                                                 : QVariant(exceptTokenHash));
        return fetchAll(m_db, q, [](const QSqlQuery &row) { return row.value(0).toByteArray(); });
    });
}

void SessionRepository::recordOpenMode()
{
    m_db.transaction([&] {
        QSqlQuery &q = m_db.prepared(QStringLiteral("INSERT INTO modo_abierto DEFAULT VALUES ON CONFLICT DO NOTHING"));
        m_db.exec(q);
        q.finish();
    });
}

QByteArray SessionRepository::sharedKey(const QByteArray &candidate)
{
    return m_db.transaction([&] {
        QSqlQuery &insert =
            m_db.prepared(QStringLiteral("INSERT INTO clave_servidor (clave) VALUES (?) ON CONFLICT DO NOTHING"));
        insert.bindValue(0, candidate);
        m_db.exec(insert);
        insert.finish();
        QSqlQuery &q = m_db.prepared(QStringLiteral("SELECT clave FROM clave_servidor"));
        return fetchOne(m_db, q, [](const QSqlQuery &row) { return row.value(0).toByteArray(); })
            .value_or(QByteArray());
    });
}

QList<QByteArray> SessionRepository::endOpenModeSessions()
{
    return m_db.transaction([&] {
        QSqlQuery &q =
            m_db.prepared(QStringLiteral("DELETE FROM sesiones WHERE creada >= (SELECT desde FROM modo_abierto) "
                                         "RETURNING token_hash"));
        const QList<QByteArray> ended =
            fetchAll(m_db, q, [](const QSqlQuery &row) { return row.value(0).toByteArray(); });
        QSqlQuery &clear = m_db.prepared(QStringLiteral("DELETE FROM modo_abierto"));
        m_db.exec(clear);
        clear.finish();
        return ended;
    });
}

} // namespace tickets::server
