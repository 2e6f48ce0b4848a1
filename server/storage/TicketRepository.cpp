#include "storage/TicketRepository.h"

#include "domain/Interaccion.h"
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
const QString kColumns = QStringLiteral("id, usuario_id, titulo, descripcion, estado, prioridad, ") +
                         timestampColumn(QStringLiteral("fecha_creacion")) + QStringLiteral(", ") +
                         timestampColumn(QStringLiteral("fecha_actualizacion")) +
                         QStringLiteral(", numero, asignado_a, ") + timestampColumn(QStringLiteral("vence_en")) +
                         QStringLiteral(", version");
constexpr int kColumnCount = 12;

// The states whose tickets are pending work (and have a due time).
const QString kPendientes = QStringLiteral("('abierto', 'en_proceso')");

Ticket fromRow(const QSqlQuery &q)
{
    Ticket ticket;
    ticket.id = QUuid::fromString(q.value(0).toString());
    ticket.usuarioId = QUuid::fromString(q.value(1).toString());
    ticket.titulo = q.value(2).toString();
    ticket.descripcion = q.value(3).toString();
    ticket.estado = enumFromString<Estado>(q.value(4).toString()).value_or(Estado::Abierto);
    ticket.prioridad = enumFromString<Prioridad>(q.value(5).toString()).value_or(Prioridad::Media);
    ticket.fechaCreacion = timestampValue(q.value(6));
    ticket.fechaActualizacion = timestampValue(q.value(7));
    ticket.numero = q.value(8).toLongLong();
    ticket.asignadoA = QUuid::fromString(q.value(9).toString());
    ticket.venceEn = optionalTimestampValue(q.value(10));
    ticket.version = q.value(11).toLongLong();
    return ticket;
}

// A list of enum values as a PostgreSQL array literal ('{abierto,en_proceso}'): wire names
// need no quoting.
template <typename E> QString arrayLiteral(const QList<E> &values)
{
    QStringList names;
    for (E value : values)
        names << wireName(value);
    return u'{' + names.join(u',') + u'}';
}

const QString kMicros = QStringLiteral("floor(extract(epoch FROM %1) * 1000000)::bigint");
const QString kAfterTime = QStringLiteral("(%1, id) %2 (timestamptz 'epoch' + ? * interval '1 microsecond', ?::uuid)");

keyset::Order timeOrder(OrdenTickets orden, const QString &column, bool descending)
{
    const QString direction = descending ? QStringLiteral(" DESC") : QString();
    return {wireName(orden), QStringLiteral(" ORDER BY %1%2, id%2").arg(column, direction),
            QStringLiteral(", ") + kMicros.arg(column),
            kAfterTime.arg(column, descending ? QStringLiteral("<") : QStringLiteral(">"))};
}

// Priority first, then the ticket's number (creation order, unique): within a priority the
// newest first when critica comes first, the oldest first the other way round.
keyset::Order priorityOrder(OrdenTickets orden, bool descending)
{
    const QString key = QStringLiteral("(tickets_rango_prioridad(prioridad)::bigint * 1000000000000000 + numero)");
    const QString direction = descending ? QStringLiteral(" DESC") : QString();
    return {
        wireName(orden), QStringLiteral(" ORDER BY %1%2, id%2").arg(key, direction), QStringLiteral(", ") + key,
        QStringLiteral("(%1, id) %2 (?, ?::uuid)").arg(key, descending ? QStringLiteral("<") : QStringLiteral(">"))};
}

// Soonest due first; tickets without a due time last (the largest key), ties by id.
keyset::Order dueOrder()
{
    const QString key = QStringLiteral("COALESCE(") + kMicros.arg(QStringLiteral("vence_en")) +
                        QStringLiteral(", 9223372036854775807)");
    return {wireName(OrdenTickets::VenceEn), QStringLiteral(" ORDER BY %1, id").arg(key), QStringLiteral(", ") + key,
            QStringLiteral("(%1, id) > (?, ?::uuid)").arg(key)};
}

const keyset::Order &orderOf(OrdenTickets orden)
{
    static const std::array<keyset::Order, 7> orders{
        keyset::Order{QString(), keyset::kOrder, keyset::kKeyColumn,
                      kAfterTime.arg(QStringLiteral("fecha_creacion"), QStringLiteral("<"))},
        timeOrder(OrdenTickets::Creacion, QStringLiteral("fecha_creacion"), false),
        timeOrder(OrdenTickets::ActualizacionDesc, QStringLiteral("fecha_actualizacion"), true),
        timeOrder(OrdenTickets::Actualizacion, QStringLiteral("fecha_actualizacion"), false),
        priorityOrder(OrdenTickets::PrioridadDesc, true),
        priorityOrder(OrdenTickets::Prioridad, false),
        dueOrder(),
    };
    return orders[static_cast<std::size_t>(orden)];
}

QVariant nullableId(const QUuid &id)
{
    return id.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(id.toString(QUuid::WithoutBraces));
}

QVariant nullableText(const std::optional<QString> &text)
{
    return text ? QVariant(*text) : QVariant(QMetaType::fromType<QString>());
}

bool versionAllowed(const std::optional<QList<qint64>> &ifVersions, qint64 version)
{
    return !ifVersions || ifVersions->contains(version);
}

} // namespace

QString cursorOrden(OrdenTickets orden)
{
    return orderOf(orden).orden;
}

QString escapeLike(QString text)
{
    text.replace(u'\\', QStringLiteral("\\\\"));
    text.replace(u'%', QStringLiteral("\\%"));
    text.replace(u'_', QStringLiteral("\\_"));
    return text;
}

std::optional<Ticket> TicketRepository::find(const QUuid &id)
{
    return m_db.read([&] {
        QSqlQuery &q =
            m_db.prepared(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM tickets WHERE id = ?"));
        q.bindValue(0, id);
        return fetchOne(m_db, q, fromRow);
    });
}

std::optional<QUuid> TicketRepository::ownerOf(const QUuid &id)
{
    return m_db.read([&] {
        QSqlQuery &q = m_db.prepared(QStringLiteral("SELECT usuario_id FROM tickets WHERE id = ?"));
        q.bindValue(0, id);
        return fetchOne(m_db, q, [](const QSqlQuery &row) { return QUuid::fromString(row.value(0).toString()); });
    });
}

protocol::Page<Ticket> TicketRepository::list(const TicketFilter &filter)
{
    SqlWhere where;
    if (filter.estados.size() == 1)
        where.add(QStringLiteral("estado = ?"), wireName(filter.estados.first()));
    else if (!filter.estados.isEmpty())
        where.add(QStringLiteral("estado = ANY (?::text[])"), arrayLiteral(filter.estados));
    if (filter.prioridades.size() == 1)
        where.add(QStringLiteral("prioridad = ?"), wireName(filter.prioridades.first()));
    else if (!filter.prioridades.isEmpty())
        where.add(QStringLiteral("prioridad = ANY (?::text[])"), arrayLiteral(filter.prioridades));
    // The counters answer the count for filters on what they count by; the rest count rows.
    SqlWhere counterWhere = where;
    const bool unassigned = filter.asignadoA && filter.asignadoA->isNull();
    if (unassigned) {
        where.clauses << QStringLiteral("asignado_a IS NULL");
        counterWhere.clauses << QStringLiteral("NOT asignado");
    } else if (filter.asignadoA) {
        where.add(QStringLiteral("asignado_a = ?"), *filter.asignadoA);
    }
    if (filter.usuarioId)
        where.add(QStringLiteral("usuario_id = ?"), *filter.usuarioId);
    if (filter.owner)
        where.add(QStringLiteral("usuario_id = ?"), *filter.owner);
    if (filter.vencidos)
        where.clauses << QStringLiteral("vence_en <= now()");
    if (filter.numero)
        where.add(QStringLiteral("numero = ?"), *filter.numero);
    if (!filter.q.isEmpty()) {
        // Served by the trigram index on the normalised busqueda column (03_busqueda.sql).
        where.add(QStringLiteral("busqueda LIKE '%' || tickets_normalizar(?) || '%'"), escapeLike(filter.q));
    }
    const bool countsSuffice = !(filter.asignadoA && !unassigned) && !filter.usuarioId && !filter.owner &&
                               !filter.vencidos && !filter.numero && filter.q.isEmpty();

    const keyset::Order &order = orderOf(filter.orden);
    SqlWhere pageWhere = where;
    if (filter.after)
        keyset::after(pageWhere, order, *filter.after);

    return m_db.read([&] {
        protocol::Page<Ticket> page;
        QSqlQuery &q =
            m_db.prepared(QStringLiteral("SELECT ") + kColumns + order.keyColumn + QStringLiteral(" FROM tickets") +
                          pageWhere.sql() + order.orderBy + QStringLiteral(" LIMIT ? OFFSET ?"));
        bindAll(q, pageWhere.values);
        q.bindValue(pageWhere.values.size(), filter.limit);
        q.bindValue(pageWhere.values.size() + 1, filter.skip);
        keyset::fetchPage(m_db, q, fromRow, kColumnCount, filter.limit, page, order.orden);

        if (page.items.size() < filter.limit && !filter.after && (!page.items.isEmpty() || filter.skip == 0)) {
            // A page that is not full ends the list: its total needs no second query.
            page.total = filter.skip + page.items.size();
            return page;
        }
        QString countSql;
        QVariantList countValues = where.values;
        if (countsSuffice) {
            countSql =
                QStringLiteral("SELECT COALESCE(sum(total), 0) FROM tickets_resumen_actual") + counterWhere.sql();
            countValues = counterWhere.values;
        } else if (!filter.q.isEmpty()) {
            countSql = QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM tickets") + where.sql() +
                       QStringLiteral(" LIMIT %1) matches").arg(kSearchCountCap + 1);
        } else {
            countSql = QStringLiteral("SELECT count(*) FROM tickets") + where.sql();
        }
        QSqlQuery &count = m_db.prepared(countSql);
        bindAll(count, countValues);
        m_db.exec(count);
        page.total = count.next() ? count.value(0).toLongLong() : 0;
        count.finish();
        if (!filter.q.isEmpty() && page.total > kSearchCountCap) {
            page.total = kSearchCountCap;
            page.totalCapped = true;
        }
        return page;
    });
}

Ticket TicketRepository::create(const TicketCreate &input)
{
    // One statement, one round trip: the ticket, the original's task and its event commit
    // together or not at all. The id is chosen here so the outbox rows can name it.
    const QUuid id = QUuid::createUuid();
    OutboxBatch batch;
    batch.enqueue(events::ticketCreadoTask(id));
    batch.publish(events::Event::ticketCreado(id));
    // One clock reading for fecha_creacion and the due time computed from it.
    QSqlQuery &q =
        m_db.prepared(QStringLiteral("WITH t AS (INSERT INTO tickets (id, usuario_id, titulo, descripcion, prioridad, "
                                     "fecha_creacion, fecha_actualizacion, vence_en) "
                                     "SELECT ?, ?, ?, ?, ?, ahora, ahora, ahora + ? * interval '1 second' "
                                     "FROM (SELECT clock_timestamp() AS ahora) reloj RETURNING *), o AS (") +
                      batch.insertSql() + QStringLiteral(") SELECT ") + kColumns + QStringLiteral(" FROM t"));
    q.bindValue(0, id);
    q.bindValue(1, input.usuarioId);
    q.bindValue(2, input.titulo);
    q.bindValue(3, input.descripcion);
    q.bindValue(4, wireName(input.prioridad));
    q.bindValue(5, m_sla.seconds(input.prioridad));
    bindAll(q, batch.values(), 6);
    const Ticket ticket = *fetchOne(m_db, q, fromRow);
    m_outbox.rowsWritten();
    return ticket;
}

QString TicketRepository::dueTimeSql(const QString &fechaCreacion, const QString &prioridad) const
{
    return QStringLiteral("%1 + CASE %2 WHEN 'baja' THEN ?::bigint WHEN 'media' THEN ?::bigint WHEN 'alta' THEN "
                          "?::bigint ELSE ?::bigint END * interval '1 second'")
        .arg(fechaCreacion, prioridad);
}

QVariantList TicketRepository::dueTimeValues() const
{
    QVariantList values;
    for (Prioridad prioridad : enumValues<Prioridad>())
        values << m_sla.seconds(prioridad);
    return values;
}

WriteOutcome TicketRepository::changeEstado(const QUuid &id, Estado estado, const QUuid &usuarioId,
                                            const QUuid &registradoPor, const std::optional<QList<qint64>> &ifVersions)
{
    // One statement: the row lock, the update (a new version and due time when the state
    // really changes; leaving the pending states forgets the announced due time, so a reopened
    // ticket is announced again), its cambio_estado interaction, its history row, the cache invalidation
    // and the event, all only when the ticket exists and If-Match allows it.
    OutboxBatch batch;
    batch.publish(events::Event::ticketActualizado(id, wireName(estado)), {protocol::CacheKey::ticket(id)});
    const QString estadoText = wireName(estado);
    // The version If-Match allows, as an array literal; null: any.
    QVariant allowed(QMetaType::fromType<QString>());
    if (ifVersions) {
        QStringList numbers;
        for (qint64 version : *ifVersions)
            numbers << QString::number(version);
        allowed = QString(u'{' + numbers.join(u',') + u'}');
    }
    // clock_timestamp(), not now(): the order of the timestamps is the order of the commits.
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("WITH antes AS (SELECT id, estado, version FROM tickets WHERE id = ? FOR UPDATE), "
                       "u AS (UPDATE tickets t SET estado = ?::text, fecha_actualizacion = clock_timestamp(), "
                       "version = t.version + (t.estado <> ?::text)::int, "
                       "vencimiento_avisado = CASE WHEN ?::text IN ") +
        kPendientes + QStringLiteral(" THEN t.vencimiento_avisado END, vence_en = CASE WHEN ?::text NOT IN ") +
        kPendientes + QStringLiteral(" THEN NULL WHEN t.estado NOT IN ") + kPendientes + QStringLiteral(" THEN ") +
        dueTimeSql(QStringLiteral("t.fecha_creacion"), QStringLiteral("t.prioridad")) +
        QStringLiteral(
            " ELSE t.vence_en END "
            "FROM antes WHERE t.id = antes.id AND (?::bigint[] IS NULL OR antes.version = ANY (?::bigint[])) "
            "RETURNING t.id, antes.estado AS anterior), "
            "r AS (INSERT INTO interacciones (ticket_id, usuario_id, tipo, contenido, registrado_por) "
            "SELECT id, ?::uuid, 'cambio_estado', ?, ?::uuid FROM u), "
            "h AS (INSERT INTO tickets_historial (ticket_id, campo, anterior, nuevo, usuario_id) "
            "SELECT id, 'estado', anterior, ?::text, ?::uuid FROM u WHERE anterior <> ?::text), o AS (") +
        batch.insertSql(QStringLiteral("EXISTS (SELECT 1 FROM u)")) +
        QStringLiteral(") SELECT (SELECT count(*) FROM antes), (SELECT count(*) FROM u)"));
    int i = 0;
    q.bindValue(i++, id);
    q.bindValue(i++, estadoText);
    q.bindValue(i++, estadoText);
    q.bindValue(i++, estadoText);
    q.bindValue(i++, estadoText);
    i = bindAll(q, dueTimeValues(), i);
    q.bindValue(i++, allowed);
    q.bindValue(i++, allowed);
    q.bindValue(i++, usuarioId);
    q.bindValue(i++, cambioEstadoTexto(estado));
    q.bindValue(i++, nullableId(registradoPor));
    q.bindValue(i++, estadoText);
    q.bindValue(i++, nullableId(usuarioId));
    q.bindValue(i++, estadoText);
    bindAll(q, batch.values(), i);
    const auto counts = fetchOne(m_db, q, [](const QSqlQuery &row) {
        return std::pair{row.value(0).toLongLong(), row.value(1).toLongLong()};
    });
    if (!counts || counts->first == 0)
        return WriteOutcome::NotFound;
    if (counts->second == 0)
        return WriteOutcome::VersionChanged;
    m_outbox.rowsWritten();
    return WriteOutcome::Done;
}

TicketWrite TicketRepository::update(const QUuid &id, const TicketUpdate &update, const QUuid &usuarioId,
                                     const std::optional<QList<qint64>> &ifVersions)
{
    return m_db.transaction([&]() -> TicketWrite {
        QSqlQuery &lock = m_db.prepared(QStringLiteral("SELECT ") + kColumns +
                                        QStringLiteral(" FROM tickets WHERE id = ? FOR UPDATE"));
        lock.bindValue(0, id);
        const auto current = fetchOne(m_db, lock, fromRow);
        if (!current)
            return {WriteOutcome::NotFound, {}};
        if (!versionAllowed(ifVersions, current->version))
            return {WriteOutcome::VersionChanged, *current};
        const QList<CampoTicket> campos = update.changesTo(*current);
        if (campos.isEmpty())
            return {WriteOutcome::Unchanged, *current};

        Ticket next = *current;
        if (update.titulo)
            next.titulo = *update.titulo;
        if (update.descripcion)
            next.descripcion = *update.descripcion;
        if (update.prioridad)
            next.prioridad = *update.prioridad;
        if (update.asignadoA)
            next.asignadoA = *update.asignadoA;
        const bool newDueTime = campos.contains(CampoTicket::Prioridad) && hasDueTime(next.estado);

        OutboxBatch batch;
        batch.publish(events::Event::ticketActualizado(id, wireName(next.estado), campos),
                      {protocol::CacheKey::ticket(id)});
        QStringList history;
        for (qsizetype n = 0; n < campos.size(); ++n)
            history << QStringLiteral("(?, ?, ?)");
        QSqlQuery &q = m_db.prepared(
            QStringLiteral("WITH u AS (UPDATE tickets SET titulo = ?, descripcion = ?, prioridad = ?, "
                           "asignado_a = ?::uuid, version = version + 1, fecha_actualizacion = clock_timestamp(), "
                           "vence_en = CASE WHEN ? THEN ") +
            dueTimeSql(QStringLiteral("fecha_creacion"), QStringLiteral("?::text")) +
            QStringLiteral(" ELSE vence_en END WHERE id = ? RETURNING *), "
                           "h AS (INSERT INTO tickets_historial (ticket_id, campo, anterior, nuevo, usuario_id) "
                           "SELECT u.id, c.campo, c.anterior, c.nuevo, ?::uuid FROM u, (VALUES ") +
            history.join(QStringLiteral(", ")) + QStringLiteral(") c (campo, anterior, nuevo)), o AS (") +
            batch.insertSql() + QStringLiteral(") SELECT ") + kColumns + QStringLiteral(" FROM u"));
        int i = 0;
        q.bindValue(i++, next.titulo);
        q.bindValue(i++, next.descripcion);
        q.bindValue(i++, wireName(next.prioridad));
        q.bindValue(i++, nullableId(next.asignadoA));
        q.bindValue(i++, newDueTime);
        q.bindValue(i++, wireName(next.prioridad));
        i = bindAll(q, dueTimeValues(), i);
        q.bindValue(i++, id);
        q.bindValue(i++, nullableId(usuarioId));
        for (CampoTicket campo : campos) {
            q.bindValue(i++, wireName(campo));
            q.bindValue(i++, nullableText(historyValue(*current, campo)));
            q.bindValue(i++, nullableText(historyValue(next, campo)));
        }
        bindAll(q, batch.values(), i);
        const auto written = fetchOne(m_db, q, fromRow);
        m_outbox.rowsWritten();
        return {WriteOutcome::Done, *written};
    });
}

QList<CambioTicket> TicketRepository::historial(const QUuid &id)
{
    return m_db.read([&] {
        QSqlQuery &q =
            m_db.prepared(QStringLiteral("SELECT id, campo, anterior, nuevo, usuario_id, ") +
                          timestampColumn(QStringLiteral("fecha")) +
                          QStringLiteral(" FROM tickets_historial WHERE ticket_id = ? ORDER BY id DESC LIMIT ?"));
        q.bindValue(0, id);
        q.bindValue(1, kHistoryLimit);
        return fetchAll(m_db, q, [](const QSqlQuery &row) {
            return CambioTicket{row.value(0).toLongLong(),
                                enumFromString<CampoTicket>(row.value(1).toString()).value_or(CampoTicket::Estado),
                                row.value(2).isNull() ? std::nullopt : std::optional<QString>(row.value(2).toString()),
                                row.value(3).isNull() ? std::nullopt : std::optional<QString>(row.value(3).toString()),
                                QUuid::fromString(row.value(4).toString()),
                                timestampValue(row.value(5))};
        });
    });
}

TicketResumen TicketRepository::resumen(const QUuid &caller)
{
    return m_db.read([&] {
        TicketResumen resumen =
            resumenFrom(QStringLiteral("SELECT estado, prioridad, asignado, total FROM tickets_resumen_actual"), {});
        countPending(resumen, {}, caller);
        return resumen;
    });
}

void TicketRepository::countPending(TicketResumen &resumen, const QUuid &owner, const QUuid &caller)
{
    // Overdue tickets are few (someone acts on them), and one agent's own pending tickets
    // are a short walk of tickets_asignado_idx.
    SqlWhere where;
    if (!owner.isNull())
        where.add(QStringLiteral("usuario_id = ?"), owner);
    SqlWhere overdue = where;
    overdue.clauses << QStringLiteral("vence_en <= now()");
    QString sql = QStringLiteral("SELECT (SELECT count(*) FROM tickets") + overdue.sql() + QStringLiteral(")");
    QVariantList values = overdue.values;
    if (!caller.isNull()) {
        SqlWhere mine = where;
        mine.add(QStringLiteral("asignado_a = ?"), caller);
        mine.clauses << QStringLiteral("estado IN ") + kPendientes;
        sql += QStringLiteral(", (SELECT count(*) FROM tickets") + mine.sql() + QStringLiteral(")");
        values += mine.values;
    }
    QSqlQuery &q = m_db.prepared(sql);
    bindAll(q, values);
    m_db.exec(q);
    if (q.next()) {
        resumen.vencidos = q.value(0).toLongLong();
        if (!caller.isNull())
            resumen.mios = q.value(1).toLongLong();
    }
    q.finish();
}

qint64 TicketRepository::foldCounts()
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("SELECT tickets_resumen_plegar()"));
    return fetchOne(m_db, q, [](const QSqlQuery &row) { return row.value(0).toLongLong(); }).value_or(0);
}

TicketResumen TicketRepository::resumenOf(const QUuid &owner)
{
    return m_db.read([&] {
        TicketResumen resumen = resumenFrom(QStringLiteral("SELECT estado, prioridad, asignado_a IS NOT NULL, count(*) "
                                                           "FROM tickets WHERE usuario_id = ? GROUP BY 1, 2, 3"),
                                            owner);
        countPending(resumen, owner, {});
        return resumen;
    });
}

TicketResumen TicketRepository::resumenFrom(const QString &sql, const QUuid &owner)
{
    TicketResumen resumen;
    QSqlQuery &q = m_db.prepared(sql);
    if (!owner.isNull())
        q.bindValue(0, owner);
    m_db.exec(q);
    while (q.next()) {
        const auto estado = enumFromString<Estado>(q.value(0).toString());
        const auto prioridad = enumFromString<Prioridad>(q.value(1).toString());
        const bool asignado = q.value(2).toBool();
        const qint64 total = q.value(3).toLongLong();
        if (!estado || !prioridad)
            continue;
        resumen.total += total;
        resumen.porEstado[*estado] += total;
        resumen.porPrioridad[*prioridad] += total;
        if (!asignado && hasDueTime(*estado))
            resumen.sinAsignar += total;
    }
    q.finish();
    return resumen;
}

} // namespace tickets::server
