#!/usr/bin/env bash
# Load benchmark of tickets-server: a private PostgreSQL seeded with N tickets (one bulk INSERT,
# timed), wrk from a second process, and beside each figure the limit it is measured against:
# pgbench running the same SQL on the same database, redis-benchmark, the open instance.
#   bench/run.sh [--tickets N] [seconds per route, default 10] [connections, default 64]
# The machine is shared and noisy: compare the ratios printed within one run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/bench"
tickets=100000
if [ "${1:-}" = --tickets ]; then
    tickets=$2
    shift 2
fi
duration=${1:-10}
connections=${2:-64}
users=$((tickets / 100 > 1000 ? tickets / 100 : 1000))
data="$root/build/bench-data"
pg_port=55632
redis_port=56579
api_port=18600
pgbouncer_port=56632
services="$root/scripts/lib/services.sh"
export TICKETS_PG_DURABLE=1 # fsync and synchronous commit on, as deployed
# Sized as a server holding a million tickets would be: PostgreSQL's defaults (128 MB of shared
# buffers, a checkpoint every 1 GB of WAL) are a laptop's, and make a bulk load write every page
# twice. Every figure, the pgbench ceilings included, runs on the same settings.
export TICKETS_PG_SETTINGS=${TICKETS_PG_SETTINGS:--c shared_buffers=1GB -c max_wal_size=8GB}
psql_cmd=(psql -h 127.0.0.1 -p "$pg_port" -U tickets -v ON_ERROR_STOP=1 -qtA)

"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$root/build" --target tickets-server tickets-fanout-bench tickets-event-latency-bench tickets-desktop-bench >/dev/null

pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
    "$services" pgbouncer-stop "$data/pgbouncer"
    "$services" redis-stop "$data/redis"
    "$services" pg-stop "$data/pg"
}
trap cleanup EXIT
"$services" pg-start "$data/pg" "$pg_port"
"$services" redis-start "$data/redis" "$redis_port"
"${psql_cmd[@]}" -d postgres -c "DROP DATABASE IF EXISTS bench WITH (FORCE)" -c "CREATE DATABASE bench"

export SUPABASE_DB_URL="postgresql://tickets@127.0.0.1:$pg_port/bench"
export REDIS_HOST=127.0.0.1 REDIS_PORT=$redis_port API_HOST=127.0.0.1 TICKETS_ACCESS_LOG=false
wait_ready() { until curl -fs "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1; do sleep 0.2; done; }
# start_server PORT LOG [VAR=value...]: another instance on the same database and Redis.
start_server() {
    local port=$1 log=$2
    shift 2
    env "$@" API_PORT="$port" "$root/build/server/tickets-server" >"$log" 2>&1 &
    pids+=($!)
    wait_ready "$port"
}
stop_last_server() {
    local pid=${pids[-1]}
    kill "$pid"; wait "$pid" 2>/dev/null || true
    unset 'pids[-1]'
}

# Measured as installed: AUTH_REQUIRED=true, every request with an admin's bearer token.
echo "bench-admin-clave" | AUTH_REQUIRED=true "$root/build/server/tickets-server" --create-admin bench@soporte.local >/dev/null
start_server "$api_port" "$data/server.log" AUTH_REQUIRED=true
token=$(curl -fsS "http://127.0.0.1:$api_port/auth/login" -H 'Content-Type: application/json' \
    -d '{"email":"bench@soporte.local","password":"bench-admin-clave"}' | jq -r .access_token)

printf 'Seeding %d users and %d tickets (one INSERT in one transaction)...\n' "$users" "$tickets"
seed_ms=$("${psql_cmd[@]}" -d bench -v users="$users" -v tickets="$tickets" -f "$bench/seed.sql" |
          grep -o 'Time: [0-9.]*' | tail -1 | cut -d' ' -f2)
"${psql_cmd[@]}" -d bench -c "VACUUM ANALYZE"
"${psql_cmd[@]}" -d bench -c "CREATE TABLE bench_ids AS SELECT row_number() OVER () AS n, id FROM (SELECT id FROM tickets ORDER BY random() LIMIT 1000) s" \
                          -c "CREATE TABLE bench_users AS SELECT row_number() OVER () AS n, id FROM (SELECT id FROM usuarios ORDER BY email LIMIT 200) s"
export BENCH_IDS="$data/ids.lua" BENCH_USERS="$data/users.lua"
{ echo "return {"; "${psql_cmd[@]}" -d bench -c "SELECT '\"' || id || '\",' FROM bench_ids"; echo "}"; } >"$BENCH_IDS"
{ echo "return {"; "${psql_cmd[@]}" -d bench -c "SELECT '\"' || id || '\",' FROM bench_users"; echo "}"; } >"$BENCH_USERS"

# wrk takes one script: each route's script gets report.lua appended.
for script in get_ticket search create_ticket change_estado; do
    cat "$bench/$script.lua" "$bench/report.lua" >"$data/$script.lua"
done
filtered="$data/filtered.lua"
{ echo 'request = function() return wrk.format("GET", "/tickets?estado=abierto&limit=20") end'; cat "$bench/report.lua"; } >"$filtered"

# measure NAME SCRIPT: prints and remembers req/s (in $rps) and p99.
measure() {
    local name=$1 script=$2
    local out auth=()
    [ -n "$token" ] && auth=(-H "Authorization: Bearer $token")
    out=$(wrk -t"$((connections < 2 ? 1 : 2))" -c"$connections" -d"${duration}s" -s "$script" \
        "${auth[@]}" "http://127.0.0.1:$api_port/" 2>&1 || true)
    local line
    line=$(grep '^RESULT' <<<"$out" || echo "RESULT 0 0 0 0")
    read -r _ rps p99 non2xx errors <<<"$line"
    printf '%-48s %9s req/s  p99 %7s ms  non-2xx %5s  socket errors %s%s\n' "$name" "$rps" "$p99" "$non2xx" "$errors" "${3:-}"
}
pg_tps() { grep -o 'tps = [0-9.]*' | head -1 | cut -d' ' -f3; }
# ceiling NAME SCRIPT: pgbench of the same SQL, same database, same clients; prints its rate,
# and leaves the p99 of its transactions' latencies (ms, from its per-transaction log) in $pg_p99.
ceiling() {
    local logs="$data/pgbench-$1"
    rm -rf "$logs" && mkdir -p "$logs"
    (cd "$logs" && pgbench -h 127.0.0.1 -p "$pg_port" -U tickets -n -M prepared -c "$connections" -j 2 \
        -T "$duration" -l -f "$2" bench 2>&1) | pg_tps || echo 0
}
ceiling_p99() {
    cat "$data/pgbench-$1"/pgbench_log.* 2>/dev/null | awk '{print $3}' | sort -n |
        awk '{v[NR] = $1} END { if (NR) printf "%.2f", v[int(NR * 0.99) + 1] / 1000; else print "-" }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "-" }'; }

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
echo
echo "Machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB; wrk -t2 -c$connections -d${duration}s on the same machine"
echo "Server: $("$root/build/server/tickets-server" --version), $(grep -o 'with [0-9]* threads' "$data/server.log"), access log off"
printf 'Bulk load: %d tickets in one INSERT (one transaction): %.1f s\n' "$tickets" "$(awk -v ms="${seed_ms:-0}" 'BEGIN { print ms / 1000 }')"
echo
echo "Reads (AUTH_REQUIRED=true, bearer token), with what limits them:"
measure "GET /tickets/{id} (Redis cache, token)" "$data/get_ticket.lua"
with_token=$rps
start_server $((api_port + 2)) "$data/server-open.log" AUTH_REQUIRED=false
token= api_port=$((api_port + 2)) measure "GET /tickets/{id} (Redis cache, open, no token)" "$data/get_ticket.lua"
open_rps=$rps
stop_last_server
echo "  the token costs: with a token $(ratio "$with_token" "$open_rps") of the open instance's rate"
start_server $((api_port + 1)) "$data/server-nocache.log" AUTH_REQUIRED=false REDIS_PORT=1
token= api_port=$((api_port + 1)) measure "GET /tickets/{id} (no cache, PostgreSQL, open)" "$data/get_ticket.lua"
nocache_rps=$rps
stop_last_server
# The same two through PgBouncer in transaction mode (TICKETS_DB_POOL_MODE=transaction: values
# inlined, no prepared statements), as hosted deployments run.
"$services" pgbouncer-start "$data/pgbouncer" "$pgbouncer_port" "$pg_port"
pooled=(AUTH_REQUIRED=false TICKETS_DB_POOL_MODE=transaction
    SUPABASE_DB_URL="postgresql://tickets@127.0.0.1:$pgbouncer_port/bench")
start_server $((api_port + 4)) "$data/server-pgbouncer.log" "${pooled[@]}"
token= api_port=$((api_port + 4)) measure "GET /tickets/{id} (Redis cache, open, PgBouncer)" "$data/get_ticket.lua"
echo "  through PgBouncer: $(ratio "$rps" "$open_rps") of the direct open instance's rate"
stop_last_server
start_server $((api_port + 4)) "$data/server-pgbouncer-nocache.log" "${pooled[@]}" REDIS_PORT=1
token= api_port=$((api_port + 4)) measure "GET /tickets/{id} (no cache, PgBouncer, open)" "$data/get_ticket.lua"
echo "  through PgBouncer: $(ratio "$rps" "$nocache_rps") of the direct rate without cache"
stop_last_server
measure "GET /tickets?estado=abierto&limit=20" "$filtered"
# The middle of the list (page 25,000 of 20 at 1M tickets), reached as a client reaches it:
# following X-Next-Cursor, 1,000 rows at a time.
deep=$((tickets / 2))
cursor=
for ((walked = 0; walked < deep; walked += 1000)); do
    cursor=$(curl -fsS -o /dev/null -D - -H "Authorization: Bearer $token" \
        "http://127.0.0.1:$api_port/tickets?limit=1000${cursor:+&cursor=$cursor}" |
        tr -d '\r' | sed -n 's/^x-next-cursor: //Ip')
done
deep_page="$data/deep_page.lua"
{ echo "request = function() return wrk.format(\"GET\", \"/tickets?limit=20&cursor=$cursor\") end"; cat "$bench/report.lua"; } >"$deep_page"
measure "GET /tickets?cursor=<row $deep>&limit=20" "$deep_page"
connections=1 measure "GET /tickets?cursor=<row $deep>&limit=20 (1 conn)" "$deep_page"
measure "GET /tickets?q=<word>&limit=20" "$data/search.lua"
connections=1 measure "GET /tickets?q=<word>&limit=20 (1 conn)" "$data/search.lua"

echo
echo "Writes, beside pgbench running the same statement on the same database (the ceiling):"
pg_create=$(ceiling create "$bench/pg_create_ticket.sql")
measure "POST /tickets" "$data/create_ticket.lua"
printf '  %-46s %9.0f tx/s   p99 %7s ms   the route reaches %s of it\n' "pgbench, POST's statement" "$pg_create" \
    "$(ceiling_p99 create)" "$(ratio "$rps" "$pg_create")"
pg_estado=$(ceiling estado "$bench/pg_change_estado.sql")
measure "PATCH /tickets/{id}/estado" "$data/change_estado.lua"
printf '  %-46s %9.0f tx/s   p99 %7s ms   the route reaches %s of it\n' "pgbench, PATCH's statement" "$pg_estado" \
    "$(ceiling_p99 estado)" "$(ratio "$rps" "$pg_estado")"

echo
echo "Live events under write load (wrk POST /tickets, 32 connections, beside the measurement):"
start_server $((api_port + 3)) "$data/server-second.log" AUTH_REQUIRED=true
someone=$("${psql_cmd[@]}" -d bench -c "SELECT id FROM bench_users WHERE n = 1")
wrk -t1 -c32 -d14s -s "$data/create_ticket.lua" -H "Authorization: Bearer $token" "http://127.0.0.1:$api_port/" >/dev/null 2>&1 &
load=$!
sleep 1
"$root/build/bench/tickets-event-latency-bench" "$token" "$someone" 400 25 50 \
    "http://127.0.0.1:$api_port" "http://127.0.0.1:$((api_port + 3))" || true
wait "$load" || true
stop_last_server

echo
"$root/build/bench/tickets-fanout-bench" "ws://127.0.0.1:$api_port/ws/eventos?access_token=$token" "$redis_port" 100 2000

echo
"$root/build/bench/tickets-desktop-bench" "http://127.0.0.1:$api_port" "$token" 10000

echo
echo "Redis alone (redis-benchmark GET, $connections clients):"
redis-benchmark -p "$redis_port" -c "$connections" -n 200000 -t get -q | tr '\r' '\n' | grep 'requests per second' | sed 's/^ */  /'
echo "PostgreSQL alone (pgbench, same server, $connections clients, 2 threads):"
tps=$(ceiling read "$bench/pg_ticket.sql")
printf '  %-46s %9.0f tx/s\n' "the same primary-key read (prepared)" "$tps"
