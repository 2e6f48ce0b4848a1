#pragma once
// Canned replies (respuestas) in PostgreSQL. Who may see or change which one is the caller's
// business (server/auth/Access); this only stores them.

#include "domain/Respuesta.h"
#include "protocol/Page.h"

namespace tickets::server {

class Database;

class RespuestaRepository
{
public:
    explicit RespuestaRepository(Database &db) : m_db(db) {}

    // The replies of `autor` and every shared one, or all of them when `autor` is absent; by
    // titulo (case-insensitive), then id. The whole list: total is its size.
    protocol::Page<Respuesta> list(const std::optional<QUuid> &autor);
    std::optional<Respuesta> find(qint64 id);
    // `autor` null: nobody in particular (open mode without a token).
    Respuesta create(const RespuestaCreate &input, const QUuid &autor);
    // Nothing when unknown. Only the fields present change; fecha_actualizacion moves when any is.
    std::optional<Respuesta> update(qint64 id, const RespuestaUpdate &changes);
    bool remove(qint64 id); // false when unknown

private:
    Database &m_db;
};

} // namespace tickets::server
