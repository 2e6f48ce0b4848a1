#include "storage/RespuestaRepository.h"

#include "storage/Database.h"
#include "storage/Rows.h"
#include "storage/SqlColumns.h"
#include "storage/SqlWhere.h"

#include <QSqlQuery>
#include <QVariant>

namespace tickets::server {

namespace {
const QString kColumns = QStringLiteral("id, titulo, contenido, compartida, autor_id, ") +
                         timestampColumn(QStringLiteral("fecha_creacion")) + QStringLiteral(", ") +
                         timestampColumn(QStringLiteral("fecha_actualizacion"));

// The order respuestas_*_titulo_idx (12_respuestas.sql) keep.
const QString kOrder = QStringLiteral(" ORDER BY lower(titulo), id");

Respuesta fromRow(const QSqlQuery &q)
{
    return Respuesta{q.value(0).toLongLong(),
                     q.value(1).toString(),
                     q.value(2).toString(),
                     q.value(3).toBool(),
                     q.value(4).isNull() ? QUuid() : QUuid::fromString(q.value(4).toString()),
                     timestampValue(q.value(5)),
                     timestampValue(q.value(6))};
}

QVariant textOrNull(const std::optional<QString> &text)
{
    return text ? QVariant(*text) : QVariant(QMetaType::fromType<QString>());
}
} // namespace

protocol::Page<Respuesta> RespuestaRepository::list(const std::optional<QUuid> &autor)
{
    SqlWhere where;
    if (autor)
        where.add(QStringLiteral("(autor_id = ? OR compartida)"), *autor);
    return m_db.read([&] {
        protocol::Page<Respuesta> page;
        QSqlQuery &q = m_db.prepared(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM respuestas") +
                                     where.sql() + kOrder);
        bindAll(q, where.values);
        page.items = fetchAll(m_db, q, fromRow);
        page.total = page.items.size();
        return page;
    });
}

std::optional<Respuesta> RespuestaRepository::find(qint64 id)
{
    return m_db.read([&] {
        QSqlQuery &q =
            m_db.prepared(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM respuestas WHERE id = ?"));
        q.bindValue(0, id);
        return fetchOne(m_db, q, fromRow);
    });
}

Respuesta RespuestaRepository::create(const RespuestaCreate &input, const QUuid &autor)
{
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("INSERT INTO respuestas (titulo, contenido, compartida, autor_id) VALUES (?, ?, ?, ?::uuid) "
                       "RETURNING ") +
        kColumns);
    q.bindValue(0, input.titulo);
    q.bindValue(1, input.contenido);
    q.bindValue(2, input.compartida);
    q.bindValue(3, autor); // a null QUuid binds as SQL NULL
    return *fetchOne(m_db, q, fromRow);
}

std::optional<Respuesta> RespuestaRepository::update(qint64 id, const RespuestaUpdate &changes)
{
    if (changes.isEmpty())
        return find(id);
    // One statement for every combination: an absent field binds NULL and keeps its value.
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("UPDATE respuestas SET titulo = COALESCE(?, titulo), contenido = COALESCE(?, contenido), "
                       "compartida = COALESCE(?::boolean, compartida), fecha_actualizacion = clock_timestamp() "
                       "WHERE id = ? RETURNING ") +
        kColumns);
    q.bindValue(0, textOrNull(changes.titulo));
    q.bindValue(1, textOrNull(changes.contenido));
    q.bindValue(2, changes.compartida ? QVariant(*changes.compartida) : QVariant(QMetaType::fromType<bool>()));
    q.bindValue(3, id);
    return fetchOne(m_db, q, fromRow);
}

bool RespuestaRepository::remove(qint64 id)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("DELETE FROM respuestas WHERE id = ?"));
    q.bindValue(0, id);
    m_db.exec(q);
    const bool removed = q.numRowsAffected() > 0;
    q.finish();
    return removed;
}

} // namespace tickets::server
