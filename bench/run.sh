#!/usr/bin/env bash
# Load benchmark of tickets-server: 100,000 tickets in a private PostgreSQL, wrk from a second
# process, and pgbench on the same database for scale. Prints req/s and p99 per route.
#   bench/run.sh [seconds per route, default 10] [connections, default 64]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/bench"
duration=${1:-10}
connections=${2:-64}
data="$root/build/bench-data"
pg_port=55632
redis_port=56579
api_port=18600
services="$root/scripts/lib/services.sh"
psql_cmd=(psql -h 127.0.0.1 -p "$pg_port" -U tickets -v ON_ERROR_STOP=1 -qtA)

"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$root/build" --target tickets-server tickets-fanout-bench tickets-desktop-bench >/dev/null

server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    "$services" redis-stop "$data/redis"
    "$services" pg-stop "$data/pg"
}
trap cleanup EXIT
"$services" pg-start "$data/pg" "$pg_port"
"$services" redis-start "$data/redis" "$redis_port"
"${psql_cmd[@]}" -d postgres -c "DROP DATABASE IF EXISTS bench WITH (FORCE)" -c "CREATE DATABASE bench"

export SUPABASE_DB_URL="postgresql://tickets@127.0.0.1:$pg_port/bench"
export REDIS_HOST=127.0.0.1 REDIS_PORT=$redis_port API_HOST=127.0.0.1 API_PORT=$api_port TICKETS_ACCESS_LOG=false
# Measured as installed: AUTH_REQUIRED=true, every request with an admin's bearer token.
export AUTH_REQUIRED=true
echo "bench-admin-clave" | "$root/build/server/tickets-server" --create-admin bench@soporte.local >/dev/null
"$root/build/server/tickets-server" >"$data/server.log" 2>&1 &
server_pid=$!
until curl -fs "http://127.0.0.1:$api_port/health/ready" >/dev/null 2>&1; do sleep 0.2; done
token=$(curl -fsS "http://127.0.0.1:$api_port/auth/login" -H 'Content-Type: application/json' \
    -d '{"email":"bench@soporte.local","password":"bench-admin-clave"}' | jq -r .access_token)

echo "Seeding 100,000 tickets..."
"${psql_cmd[@]}" -d bench -f "$bench/seed.sql"
"${psql_cmd[@]}" -d bench -c "VACUUM ANALYZE"
"${psql_cmd[@]}" -d bench -c "CREATE TABLE bench_ids AS SELECT row_number() OVER () AS n, id FROM (SELECT id FROM tickets ORDER BY random() LIMIT 1000) s"
export BENCH_IDS="$data/ids.lua" BENCH_USERS="$data/users.lua"
{ echo "return {"; "${psql_cmd[@]}" -d bench -c "SELECT '\"' || id || '\",' FROM bench_ids"; echo "}"; } >"$BENCH_IDS"
{ echo "return {"; "${psql_cmd[@]}" -d bench -c "SELECT '\"' || id || '\",' FROM usuarios LIMIT 200"; echo "}"; } >"$BENCH_USERS"

# wrk takes one script: each route's script gets report.lua appended.
for script in get_ticket search create_ticket change_estado; do
    cat "$bench/$script.lua" "$bench/report.lua" >"$data/$script.lua"
done
filtered="$data/filtered.lua"
{ echo 'request = function() return wrk.format("GET", "/tickets?estado=abierto&limit=20") end'; cat "$bench/report.lua"; } >"$filtered"

measure() {
    local name=$1 script=$2
    local out
    local auth=()
    [ -n "$token" ] && auth=(-H "Authorization: Bearer $token")
    out=$(wrk -t"$((connections < 2 ? 1 : 2))" -c"$connections" -d"${duration}s" -s "$script" \
        "${auth[@]}" "http://127.0.0.1:$api_port/" 2>&1 || true)
    local line
    line=$(grep '^RESULT' <<<"$out" || echo "RESULT 0 0 0 0")
    read -r _ rps p99 non2xx errors <<<"$line"
    printf '%-42s %10s req/s   p99 %8s ms   non-2xx %6s   socket errors %s\n' "$name" "$rps" "$p99" "$non2xx" "$errors"
}

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
echo
echo "Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB; wrk -t2 -c$connections -d${duration}s on the same machine"
echo "Server: $("$root/build/server/tickets-server" --version), $(grep -o 'with [0-9]* threads' "$data/server.log"), access log off, AUTH_REQUIRED=true (bearer token)"
echo
# Reads first, on the seeded 100,000 tickets; the writes then add and change rows.
measure "GET /tickets/{id} (Redis cache)" "$data/get_ticket.lua"
# What the token costs: the same route on an open instance (the original contract).
API_PORT=$((api_port + 2)) AUTH_REQUIRED=false "$root/build/server/tickets-server" >"$data/server-open.log" 2>&1 &
open_pid=$!
until curl -fs "http://127.0.0.1:$((api_port + 2))/health/ready" >/dev/null 2>&1; do sleep 0.2; done
token= api_port=$((api_port + 2)) measure "GET /tickets/{id} (cache, open, no token)" "$data/get_ticket.lua"
kill "$open_pid"; wait "$open_pid" 2>/dev/null || true
# The same route straight from PostgreSQL: a second (open) server whose Redis is unreachable.
API_PORT=$((api_port + 1)) REDIS_PORT=1 AUTH_REQUIRED=false "$root/build/server/tickets-server" >"$data/server-nocache.log" 2>&1 &
nocache_pid=$!
until curl -fs "http://127.0.0.1:$((api_port + 1))/health/ready" >/dev/null 2>&1; do sleep 0.2; done
token= api_port=$((api_port + 1)) measure "GET /tickets/{id} (no cache, PostgreSQL, open)" "$data/get_ticket.lua"
kill "$nocache_pid"; wait "$nocache_pid" 2>/dev/null || true
measure "GET /tickets?estado=abierto&limit=20" "$filtered"
measure "GET /tickets?q=<word>&limit=20" "$data/search.lua"
connections=8 measure "GET /tickets?q=<word>&limit=20 (8 conns)" "$data/search.lua"
connections=1 measure "GET /tickets?q=<word>&limit=20 (1 conn)" "$data/search.lua"
measure "POST /tickets" "$data/create_ticket.lua"
measure "PATCH /tickets/{id}/estado" "$data/change_estado.lua"

echo
"$root/build/bench/tickets-fanout-bench" "ws://127.0.0.1:$api_port/ws/eventos?access_token=$token" "$redis_port" 100 2000

echo
"$root/build/bench/tickets-desktop-bench" "http://127.0.0.1:$api_port" "$token" 10000

echo
echo "Redis alone (redis-benchmark GET, $connections clients):"
redis-benchmark -p "$redis_port" -c "$connections" -n 200000 -t get -q | tr -d '\r' | sed 's/^/  /'
echo "PostgreSQL alone (pgbench, same server, $connections clients, 2 threads):"
pg_tps() { grep -o 'tps = [0-9.]*' | head -1 | cut -d' ' -f3; }
tps=$(pgbench -h 127.0.0.1 -p "$pg_port" -U tickets -n -M prepared -c "$connections" -j 2 -T "$duration" -f "$bench/pg_ticket.sql" bench 2>&1 | pg_tps)
printf '%-42s %10.0f tx/s\n' "the same primary-key read (prepared)" "$tps"
"${psql_cmd[@]}" -d postgres -c "DROP DATABASE IF EXISTS pgbench WITH (FORCE)" -c "CREATE DATABASE pgbench"
pgbench -h 127.0.0.1 -p "$pg_port" -U tickets -i -q -s 10 pgbench >/dev/null 2>&1
tps=$(pgbench -h 127.0.0.1 -p "$pg_port" -U tickets -n -S -M prepared -c "$connections" -j 2 -T "$duration" pgbench 2>&1 | pg_tps)
printf '%-42s %10.0f tx/s\n' "pgbench -S (select-only, scale 10)" "$tps"
