#pragma once
#include "protocol/Cursor.h"
// Users in PostgreSQL.

#include "domain/Usuario.h"
#include "protocol/Page.h"

namespace tickets::server {

class Database;
class OutboxRepository;

struct UsuarioFilter
{
    qint64 skip = 0;
    qint64 limit = 20;
    std::optional<bool> activo;
    std::optional<protocol::Cursor> after; // keyset paging (see storage/Keyset.h)
};

// A user as a login sees them: with the stored password hash (empty: cannot log in).
struct UsuarioCredentials
{
    Usuario usuario;
    QByteArray passwordHash;
};

class UsuarioRepository
{
public:
    UsuarioRepository(Database &db, OutboxRepository &outbox) : m_db(db), m_outbox(outbox) {}

    std::optional<Usuario> find(const QUuid &id);
    protocol::Page<Usuario> list(const UsuarioFilter &filter);
    // SqlError on a duplicate email. `passwordHash` is PasswordHasher's, or empty.
    Usuario create(const UsuarioCreate &input, const QByteArray &passwordHash = {});
    std::optional<Usuario> update(const QUuid &id, const UsuarioUpdate &changes); // nothing when unknown
    std::optional<Usuario> deactivate(const QUuid &id);

    std::optional<UsuarioCredentials> credentialsByEmail(const QString &email); // case-insensitive
    std::optional<UsuarioCredentials> credentials(const QUuid &id);
    bool setPasswordHash(const QUuid &id, const QByteArray &passwordHash);
    // The first admin of an installation: created, or promoted and reactivated when the address exists.
    Usuario upsertAdmin(const QString &email, const QString &nombre, const QByteArray &passwordHash);

private:
    Database &m_db;
    OutboxRepository &m_outbox;
};

} // namespace tickets::server
