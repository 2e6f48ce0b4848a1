#include "storage/UsuarioRepository.h"

#include "storage/Database.h"
#include "storage/Keyset.h"
#include "storage/OutboxRepository.h"
#include "storage/Rows.h"
#include "storage/SqlColumns.h"
#include "storage/SqlWhere.h"

#include <QSqlQuery>
#include <QVariant>

namespace tickets::server {

namespace {
// A changed user is announced after its cached copy is gone.
OutboxBatch announce(const Usuario &usuario)
{
    OutboxBatch batch;
    batch.publish(events::Event::usuarioActualizado(usuario.id), {protocol::CacheKey::usuario(usuario.id)});
    return batch;
}

const QString kColumns =
    QStringLiteral("id, email, nombre, rol, activo, ") + timestampColumn(QStringLiteral("fecha_creacion"));

Usuario fromRow(const QSqlQuery &q)
{
    return Usuario{QUuid::fromString(q.value(0).toString()),
                   q.value(1).toString(),
                   q.value(2).toString(),
                   enumFromString<Rol>(q.value(3).toString()).value_or(Rol::Usuario),
                   q.value(4).toBool(),
                   timestampValue(q.value(5))};
}

UsuarioCredentials credentialsFromRow(const QSqlQuery &q)
{
    return UsuarioCredentials{fromRow(q), q.value(6).toString().toLatin1()};
}

} // namespace

std::optional<Usuario> UsuarioRepository::find(const QUuid &id)
{
    return m_db.read([&] {
        QSqlQuery &q =
            m_db.prepared(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM usuarios WHERE id = ?"));
        q.bindValue(0, id);
        return fetchOne(m_db, q, fromRow);
    });
}

protocol::Page<Usuario> UsuarioRepository::list(const UsuarioFilter &filter)
{
    SqlWhere where;
    if (filter.activo)
        where.add(QStringLiteral("activo = ?"), *filter.activo);
    return m_db.read([&] {
        protocol::Page<Usuario> page;
        SqlWhere pageWhere = where;
        if (filter.after)
            keyset::after(pageWhere, *filter.after, QStringLiteral("uuid"));
        QSqlQuery &q =
            m_db.prepared(QStringLiteral("SELECT ") + kColumns + keyset::kKeyColumn + QStringLiteral(" FROM usuarios") +
                          pageWhere.sql() + keyset::kOrder + QStringLiteral(" LIMIT ? OFFSET ?"));
        int i = bindAll(q, pageWhere.values);
        q.bindValue(i++, filter.limit);
        q.bindValue(i++, filter.skip);
        keyset::fetchPage(m_db, q, fromRow, 6, filter.limit, page);

        QSqlQuery &count = m_db.prepared(QStringLiteral("SELECT count(*) FROM usuarios") + where.sql());
        bindAll(count, where.values);
        m_db.exec(count);
        page.total = count.next() ? count.value(0).toLongLong() : 0;
        count.finish();
        return page;
    });
}

Usuario UsuarioRepository::create(const UsuarioCreate &input, const QByteArray &passwordHash)
{
    return m_db.transaction([&] {
        QSqlQuery &q = m_db.prepared(
            QStringLiteral("INSERT INTO usuarios (email, nombre, rol, password_hash) VALUES (?, ?, ?, ?) RETURNING ") +
            kColumns);
        q.bindValue(0, input.email);
        q.bindValue(1, input.nombre);
        q.bindValue(2, wireName(input.rol));
        q.bindValue(3, passwordHash.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                              : QVariant(QString::fromLatin1(passwordHash)));
        const Usuario usuario = *fetchOne(m_db, q, fromRow);
        OutboxBatch batch;
        batch.publish(events::Event::usuarioCreado(usuario.id));
        m_outbox.write(batch);
        return usuario;
    });
}

std::optional<Usuario> UsuarioRepository::update(const QUuid &id, const UsuarioUpdate &changes)
{
    return m_db.transaction([&] {
        // One statement for every combination: an absent field binds NULL and keeps its value.
        QSqlQuery &q = m_db.prepared(QStringLiteral("UPDATE usuarios SET email = COALESCE(?, email), "
                                                    "nombre = COALESCE(?, nombre), rol = COALESCE(?, rol), "
                                                    "activo = COALESCE(?::boolean, activo) WHERE id = ? RETURNING ") +
                                     kColumns);
        q.bindValue(0, changes.email ? QVariant(*changes.email) : QVariant(QMetaType::fromType<QString>()));
        q.bindValue(1, changes.nombre ? QVariant(*changes.nombre) : QVariant(QMetaType::fromType<QString>()));
        q.bindValue(2, changes.rol ? QVariant(wireName(*changes.rol)) : QVariant(QMetaType::fromType<QString>()));
        q.bindValue(3, changes.activo ? QVariant(*changes.activo) : QVariant(QMetaType::fromType<bool>()));
        q.bindValue(4, id);
        const auto usuario = fetchOne(m_db, q, fromRow);
        if (usuario)
            m_outbox.write(announce(*usuario));
        return usuario;
    });
}

std::optional<UsuarioCredentials> UsuarioRepository::credentialsByEmail(const QString &email)
{
    return m_db.read([&] {
        QSqlQuery &q = m_db.prepared(QStringLiteral("SELECT ") + kColumns +
                                     QStringLiteral(", password_hash FROM usuarios WHERE lower(email) = lower(?)"));
        q.bindValue(0, email);
        return fetchOne(m_db, q, credentialsFromRow);
    });
}

std::optional<UsuarioCredentials> UsuarioRepository::credentials(const QUuid &id)
{
    return m_db.read([&] {
        QSqlQuery &q = m_db.prepared(QStringLiteral("SELECT ") + kColumns +
                                     QStringLiteral(", password_hash FROM usuarios WHERE id = ?"));
        q.bindValue(0, id);
        return fetchOne(m_db, q, credentialsFromRow);
    });
}

bool UsuarioRepository::setPasswordHash(const QUuid &id, const QByteArray &passwordHash)
{
    return m_db.transaction([&] {
        QSqlQuery &q = m_db.prepared(QStringLiteral("UPDATE usuarios SET password_hash = ? WHERE id = ?"));
        q.bindValue(0, QString::fromLatin1(passwordHash));
        q.bindValue(1, id);
        m_db.exec(q);
        const bool changed = q.numRowsAffected() > 0;
        q.finish();
        return changed;
    });
}

Usuario UsuarioRepository::upsertAdmin(const QString &email, const QString &nombre, const QByteArray &passwordHash)
{
    return m_db.transaction([&] {
        QSqlQuery &q = m_db.prepared(
            QStringLiteral("INSERT INTO usuarios (email, nombre, rol, password_hash) VALUES (?, ?, 'admin', ?) "
                           "ON CONFLICT (lower(email)) DO UPDATE SET rol = 'admin', activo = true, "
                           "password_hash = EXCLUDED.password_hash RETURNING ") +
            kColumns);
        q.bindValue(0, email);
        q.bindValue(1, nombre);
        q.bindValue(2, QString::fromLatin1(passwordHash));
        const Usuario usuario = *fetchOne(m_db, q, fromRow);
        m_outbox.write(announce(usuario));
        return usuario;
    });
}

std::optional<Usuario> UsuarioRepository::deactivate(const QUuid &id)
{
    UsuarioUpdate changes;
    changes.activo = false;
    return update(id, changes);
}

} // namespace tickets::server
