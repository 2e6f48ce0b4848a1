#pragma once
// Users in PostgreSQL.

#include "domain/Usuario.h"
#include "storage/Page.h"

namespace tickets::server {

class Database;
class OutboxRepository;

struct UsuarioFilter
{
    qint64 skip = 0;
    qint64 limit = 20;
    std::optional<bool> activo;
};

class UsuarioRepository
{
public:
    UsuarioRepository(Database &db, OutboxRepository &outbox) : m_db(db), m_outbox(outbox) {}

    std::optional<Usuario> find(const QUuid &id);
    Page<Usuario> list(const UsuarioFilter &filter);
    Usuario create(const UsuarioCreate &input);                                   // SqlError on a duplicate email
    std::optional<Usuario> update(const QUuid &id, const UsuarioUpdate &changes); // nothing when unknown
    std::optional<Usuario> deactivate(const QUuid &id);

private:
    Database &m_db;
    OutboxRepository &m_outbox;
};

} // namespace tickets::server
