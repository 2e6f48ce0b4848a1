#!/usr/bin/env bash
# The fault run: 16 clients create tickets while PostgreSQL crashes and restarts, the server
# is killed (SIGKILL) and restarted, Redis is killed and restarted, and the worker is killed
# and restarted. Afterwards it counts what a user would miss:
#   - acknowledged writes lost (a 200 whose ticket is not in PostgreSQL),
#   - answers that were a 5xx other than 503,
#   - worker tasks dead-lettered (cola:batch:fallidos),
#   - tickets without their notifications, outbox rows never delivered.
# Redis runs with appendfsync always here, as a deployment that keeps its queue must: the
# outbox hands a task to Redis once, and a Redis that forgets acknowledged writes loses it.
#   bench/faults.sh [seconds of load, default 30]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-30}
data="$root/build/faults-data"
pg_port=55652
redis_port=56599
api_port=18700
services="$root/scripts/lib/services.sh"
export TICKETS_PG_DURABLE=1 # fsync and synchronous commit on, as deployed
psql_cmd=(psql -h 127.0.0.1 -p "$pg_port" -U tickets -v ON_ERROR_STOP=1 -qtA)

"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$root/build" --target tickets-server tickets-worker >/dev/null

rm -rf "$data"
mkdir -p "$data/redis" "$data/load"
server_pid= worker_pid=
loaders=()
cleanup() {
    for pid in "${loaders[@]}" $server_pid $worker_pid; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
    "$services" pg-stop "$data/pg"
}
trap cleanup EXIT

redis_start() {
    redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$data/redis" --daemonize yes \
        --appendonly yes --appendfsync always --save "" --logfile "$data/redis/redis.log" \
        --pidfile "$data/redis/redis.pid"
    until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do sleep 0.1; done
}
server_start() {
    "$root/build/server/tickets-server" >>"$data/server.log" 2>&1 &
    server_pid=$!
    until curl -fs "http://127.0.0.1:$api_port/health/ready" >/dev/null 2>&1; do sleep 0.1; done
}
worker_start() {
    "$root/build/server/tickets-worker" >>"$data/worker.log" 2>&1 &
    worker_pid=$!
}

"$services" pg-start "$data/pg" "$pg_port"
redis_start
"${psql_cmd[@]}" -d postgres -c "CREATE DATABASE faults"
export SUPABASE_DB_URL="postgresql://tickets@127.0.0.1:$pg_port/faults"
export REDIS_HOST=127.0.0.1 REDIS_PORT=$redis_port API_HOST=127.0.0.1 API_PORT=$api_port
export AUTH_REQUIRED=false TICKETS_ACCESS_LOG=false TICKETS_WORKER_STALE_S=3 TICKETS_DB_CONNECT_TIMEOUT_S=2
server_start
worker_start
api="http://127.0.0.1:$api_port"
client=$(curl -fsS "$api/usuarios" -H 'Content-Type: application/json' -d '{"email":"cliente@faults.example","nombre":"Cliente"}' | jq -r .id)
for n in 1 2; do
    curl -fsS "$api/usuarios" -H 'Content-Type: application/json' \
        -d "{\"email\":\"agente$n@faults.example\",\"nombre\":\"Agente $n\",\"rol\":\"soporte\"}" >/dev/null
done

# 16 clients; each writes the ids it got a 200 for, and every status it saw.
load() {
    local n=$1 i=0
    while [ ! -e "$data/load/stop" ]; do
        i=$((i + 1))
        local body status
        body=$(curl -s -m 10 -w '\n%{http_code}' "$api/tickets" -H 'Content-Type: application/json' \
               -d "{\"usuario_id\":\"$client\",\"titulo\":\"Carga $n-$i\",\"descripcion\":\"fallos\"}" || true)
        status=${body##*$'\n'}
        echo "$status" >>"$data/load/status.$n"
        [ "$status" = 200 ] && jq -r .id <<<"${body%$'\n'*}" >>"$data/load/acked.$n"
    done
}
for n in $(seq 1 16); do load "$n" & loaders+=($!); done

step=$((seconds / 5))
sleep "$step"; echo "faults: PostgreSQL crash (immediate stop), restart"
"$services" pg-crash "$data/pg"
sleep 1; "$services" pg-start "$data/pg" "$pg_port"
sleep "$step"; echo "faults: tickets-server SIGKILL, restart"
kill -9 "$server_pid"; wait "$server_pid" 2>/dev/null || true
server_start
sleep "$step"; echo "faults: Redis SIGKILL, restart"
kill -9 "$(cat "$data/redis/redis.pid")" || true
sleep 1; redis_start
sleep "$step"; echo "faults: tickets-worker SIGKILL, restart"
kill -9 "$worker_pid"; wait "$worker_pid" 2>/dev/null || true
worker_start
sleep "$step"
touch "$data/load/stop"
for pid in "${loaders[@]}"; do wait "$pid" 2>/dev/null || true; done
loaders=()

echo "faults: load stopped; waiting for the queue and the outbox to drain"
for _ in $(seq 1 120); do
    queued=$(redis-cli -p "$redis_port" llen cola:batch:procesar)
    pending=$("${psql_cmd[@]}" -d faults -c "SELECT count(*) FROM outbox WHERE entregado IS NULL")
    processing=$(redis-cli -p "$redis_port" --scan --pattern 'cola:batch:procesando:*' |
                 while read -r key; do redis-cli -p "$redis_port" llen "$key"; done | awk '{s += $1} END {print s + 0}')
    [ "$queued" = 0 ] && [ "$pending" = 0 ] && [ "${processing:-0}" = 0 ] && break
    sleep 1
done

cat "$data"/load/acked.* | sort -u >"$data/acked"
acked=$(wc -l <"$data/acked")
"${psql_cmd[@]}" -d faults -c "SELECT id FROM tickets WHERE titulo LIKE 'Carga %'" | sort -u >"$data/stored"
lost=$(comm -23 "$data/acked" "$data/stored" | wc -l)
stored=$(wc -l <"$data/stored")
statuses=$(cat "$data"/load/status.* | sort | uniq -c | awk '{printf "%s×%s ", $2, $1}')
bad5xx=$(( $(cat "$data"/load/status.* | grep -E '^5' | grep -vc '^503$' || true) ))
failed=$(redis-cli -p "$redis_port" llen cola:batch:fallidos)
unnotified=$("${psql_cmd[@]}" -d faults -c "SELECT count(*) FROM tickets t WHERE titulo LIKE 'Carga %' AND NOT EXISTS (SELECT 1 FROM notificaciones n WHERE n.ticket_id = t.id)")
undelivered=$("${psql_cmd[@]}" -d faults -c "SELECT count(*) FROM outbox WHERE entregado IS NULL")
events=$("${psql_cmd[@]}" -d faults -c "SELECT count(*) FROM outbox WHERE destino = 'canal' AND payload LIKE '%ticket_creado%'")

echo
echo "Fault run: 16 clients for ${seconds} s; PostgreSQL crash-restart, server SIGKILL, Redis SIGKILL, worker SIGKILL"
printf '  %-44s %s\n' "answers seen" "$statuses"
printf '  %-44s %s\n' "writes acknowledged (200)" "$acked"
printf '  %-44s %s\n' "tickets stored (acknowledged or not)" "$stored"
printf '  %-44s %s\n' "acknowledged writes lost" "$lost"
printf '  %-44s %s\n' "5xx answers other than 503" "$bad5xx"
printf '  %-44s %s\n' "tasks dead-lettered (cola:batch:fallidos)" "$failed"
printf '  %-44s %s\n' "stored tickets without notifications" "$unnotified"
printf '  %-44s %s (of %s ticket_creado events)\n' "outbox rows never delivered" "$undelivered" "$events"
if [ "$lost" = 0 ] && [ "$bad5xx" = 0 ] && [ "$failed" = 0 ] && [ "$unnotified" = 0 ] && [ "$undelivered" = 0 ]; then
    exit 0
fi
# A failed run is kept for reading (the next run starts from an empty folder): the logs, the
# answers, and the tickets that lack their notifications with their outbox rows.
kept="$root/build/faults-failed-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$kept"
cp -r "$data/load" "$data"/*.log "$data/acked" "$data/stored" "$kept/" 2>/dev/null || true
"${psql_cmd[@]}" -d faults -c "SELECT t.id, t.fecha_creacion, o.id, o.destino, o.entregado FROM tickets t
    LEFT JOIN outbox o ON o.payload LIKE '%' || t.id || '%'
    WHERE t.titulo LIKE 'Carga %' AND NOT EXISTS (SELECT 1 FROM notificaciones n WHERE n.ticket_id = t.id)
    ORDER BY t.fecha_creacion" >"$kept/unnotified.txt" 2>&1 || true
echo "faults: the run failed; its logs are in $kept"
exit 1
