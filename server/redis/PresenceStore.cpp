#include "redis/PresenceStore.h"

#include "domain/Timestamp.h"
#include "events/Events.h"

#include <QHash>

#include <algorithm>

namespace tickets::server {

namespace {
QByteArray idText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces).toLatin1();
}

// Shared by the scripts: `now` in ms by Redis's clock, the keys, and best(ticket, user): the most
// active state of the user's live entries on the ticket.
const QByteArray kPrelude =
    QByteArrayLiteral("local t = redis.call('TIME') "
                      "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) "
                      "local zset = 'presencia:expira' "
                      "local rank = {viendo = 1, escribiendo = 2} "
                      "local function hashOf(ticket) return 'presencia:ticket:' .. ticket end "
                      "local function best(ticket, user) "
                      "  local top, topRank = 'fuera', 0 "
                      "  local all = redis.call('HGETALL', hashOf(ticket)) "
                      "  for i = 1, #all, 2 do "
                      "    if string.sub(all[i], 1, #user + 1) == user .. '|' then "
                      "      local s = redis.call('ZSCORE', zset, ticket .. '|' .. all[i]) "
                      "      local e = string.match(all[i + 1], '^[^|]*') "
                      "      local r = rank[e] or 0 "
                      "      if s and tonumber(s) > now and r > topRank then top, topRank = e, r end "
                      "    end "
                      "  end "
                      "  return top "
                      "end ");

// ARGV: ticket, user, connection, estado, nombre, ttl ms. Returns {before, after}.
const QByteArray kSetScript =
    kPrelude + QByteArrayLiteral("local ticket, user, estado = ARGV[1], ARGV[2], ARGV[4] "
                                 "local ttl = tonumber(ARGV[6]) "
                                 "local hash = hashOf(ticket) "
                                 "local field = user .. '|' .. ARGV[3] "
                                 "local member = ticket .. '|' .. field "
                                 "local before = best(ticket, user) "
                                 "if estado == 'fuera' then "
                                 "  redis.call('HDEL', hash, field) "
                                 "  redis.call('ZREM', zset, member) "
                                 "else "
                                 "  local desde = now "
                                 "  local old = redis.call('HGET', hash, field) "
                                 "  local s = redis.call('ZSCORE', zset, member) "
                                 "  if old and s and tonumber(s) > now then "
                                 "    local e, d = string.match(old, '^([^|]*)|([^|]*)|') "
                                 "    if e == estado and tonumber(d) then desde = tonumber(d) end "
                                 "  end "
                                 "  redis.call('HSET', hash, field, estado .. '|' .. string.format('%d', desde) "
                                 "             .. '|' .. ARGV[5]) "
                                 "  redis.call('ZADD', zset, now + ttl, member) "
                                 "  redis.call('PEXPIRE', hash, 2 * ttl) "
                                 "end "
                                 "return {before, best(ticket, user)}");

// ARGV: limit. Returns {ticket, user, nombre, state now, ...} for each user whose state dropped.
const QByteArray kSweepScript =
    kPrelude + QByteArrayLiteral("local out = {} "
                                 "local due = redis.call('ZRANGEBYSCORE', zset, '-inf', now, 'LIMIT', 0, "
                                 "                       tonumber(ARGV[1])) "
                                 "for _, member in ipairs(due) do "
                                 "  redis.call('ZREM', zset, member) "
                                 "  local ticket, user, conn = string.match(member, '^([^|]+)|([^|]+)|(.+)$') "
                                 "  if ticket then "
                                 "    local hash = hashOf(ticket) "
                                 "    local old = redis.call('HGET', hash, user .. '|' .. conn) "
                                 "    redis.call('HDEL', hash, user .. '|' .. conn) "
                                 "    if old then "
                                 "      local e, d, nombre = string.match(old, '^([^|]*)|([^|]*)|(.*)$') "
                                 "      local now_state = best(ticket, user) "
                                 "      if (rank[e] or 0) > (rank[now_state] or 0) then "
                                 "        out[#out + 1] = ticket "
                                 "        out[#out + 1] = user "
                                 "        out[#out + 1] = nombre or '' "
                                 "        out[#out + 1] = now_state "
                                 "      end "
                                 "    end "
                                 "  end "
                                 "end "
                                 "return out");

// ARGV: ticket. Returns {field, value, ...} of the live entries.
const QByteArray kListScript = kPrelude + QByteArrayLiteral("local ticket = ARGV[1] "
                                                            "local out = {} "
                                                            "local all = redis.call('HGETALL', hashOf(ticket)) "
                                                            "for i = 1, #all, 2 do "
                                                            "  local s = redis.call('ZSCORE', zset, ticket .. '|' "
                                                            "                       .. all[i]) "
                                                            "  if s and tonumber(s) > now then "
                                                            "    out[#out + 1] = all[i] "
                                                            "    out[#out + 1] = all[i + 1] "
                                                            "  end "
                                                            "end "
                                                            "return out");

QString text(const RedisReply &reply)
{
    return QString::fromUtf8(reply.string);
}
} // namespace

QByteArray PresenceStore::ticketKey(const QUuid &ticketId)
{
    return "presencia:ticket:" + idText(ticketId);
}

RedisReply PresenceStore::eval(const QByteArray &script, const QList<QByteArray> &arguments)
{
    RedisReply reply = m_redis.command(QList<QByteArray>{"EVAL", script, "0"} + arguments);
    if (reply.type != RedisReply::Type::Array)
        throw RedisUnavailable(QStringLiteral("presence script: %1").arg(text(reply)));
    return reply;
}

PresenceStore::Change PresenceStore::set(const QUuid &ticketId, const QUuid &usuarioId, const QByteArray &conexion,
                                         const QString &estado, const QString &nombre, qint64 ttlMs)
{
    const RedisReply reply = eval(kSetScript, {idText(ticketId), idText(usuarioId), conexion, estado.toUtf8(),
                                               nombre.toUtf8(), QByteArray::number(ttlMs)});
    if (reply.elements.size() != 2)
        throw RedisUnavailable(QStringLiteral("presence script: unexpected reply"));
    return {text(reply.elements[0]), text(reply.elements[1])};
}

QList<PresenceStore::Drop> PresenceStore::sweep(int limit)
{
    const RedisReply reply = eval(kSweepScript, {QByteArray::number(limit)});
    QList<Drop> drops;
    for (qsizetype i = 0; i + 3 < reply.elements.size(); i += 4) {
        Drop drop{QUuid::fromString(text(reply.elements[i])), QUuid::fromString(text(reply.elements[i + 1])),
                  text(reply.elements[i + 2]), text(reply.elements[i + 3])};
        // A user with two expired connections on one ticket drops once.
        const bool seen = std::any_of(drops.cbegin(), drops.cend(), [&](const Drop &other) {
            return other.ticketId == drop.ticketId && other.usuarioId == drop.usuarioId && other.estado == drop.estado;
        });
        if (!seen && !drop.ticketId.isNull() && !drop.usuarioId.isNull())
            drops.append(drop);
    }
    return drops;
}

QList<PresenceStore::Entry> PresenceStore::list(const QUuid &ticketId)
{
    const RedisReply reply = eval(kListScript, {idText(ticketId)});
    QList<Entry> entries;
    QHash<QUuid, qsizetype> byUser;
    for (qsizetype i = 0; i + 1 < reply.elements.size(); i += 2) {
        const QUuid usuarioId = QUuid::fromString(text(reply.elements[i]).section(u'|', 0, 0));
        const QString value = text(reply.elements[i + 1]);
        const QString estado = value.section(u'|', 0, 0);
        const qint64 desdeMs = value.section(u'|', 1, 1).toLongLong();
        const QString nombre = value.section(u'|', 2); // the rest: a name may hold '|'
        if (usuarioId.isNull() || events::presencia::rank(estado) <= 0)
            continue;
        Entry entry{usuarioId, nombre, estado, QDateTime::fromMSecsSinceEpoch(desdeMs, Qt::UTC)};
        const auto found = byUser.constFind(usuarioId);
        if (found == byUser.cend()) {
            byUser.insert(usuarioId, entries.size());
            entries.append(entry);
            continue;
        }
        // The most active state wins; within it, the earliest `desde`.
        Entry &kept = entries[*found];
        const int have = events::presencia::rank(kept.estado), now = events::presencia::rank(estado);
        if (now > have || (now == have && entry.desde < kept.desde))
            kept = entry;
    }
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.desde < b.desde; });
    return entries;
}

QJsonObject PresenceStore::Entry::toJson() const
{
    return {{QStringLiteral("usuario_id"), usuarioId.toString(QUuid::WithoutBraces)},
            {QStringLiteral("nombre"), nombre},
            {QStringLiteral("estado"), estado},
            {QStringLiteral("desde"), formatTimestamp(desde)}};
}

} // namespace tickets::server
