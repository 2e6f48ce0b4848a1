#!/usr/bin/env bash
# Runs Soporte on this machine: installs what is missing, builds, starts a private PostgreSQL
# and Redis under .data/, applies the schema, and starts tickets-server, tickets-worker and, when
# there is a display, the tickets-desktop client. Ctrl-C stops everything it started.
#
# Environment: TICKETS_DESKTOP=0 (no desktop client), API_PORT (8000), TICKETS_PG_PORT (55432), TICKETS_REDIS_PORT (56379),
# TICKETS_ADMIN_EMAIL (admin@soporte.local) and TICKETS_ADMIN_PASSWORD (by default one is
# generated on the first run and kept in .data/admin-password, readable by you only).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data="$root/.data"
api_port=${API_PORT:-8000}
pg_port=${TICKETS_PG_PORT:-55432}
redis_port=${TICKETS_REDIS_PORT:-56379}
services="$root/scripts/lib/services.sh"

"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$root/build" -j "$(nproc)" --target tickets-server tickets-worker tickets-desktop

pids=()
stop() {
    trap '' INT TERM # a second Ctrl-C must not cut the clean-up short
    trap - EXIT
    echo
    echo "run.sh: stopping"
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    "$services" redis-stop "$data/redis"
    "$services" pg-stop "$data/pg"
}
trap stop INT TERM EXIT

echo "run.sh: starting PostgreSQL on 127.0.0.1:$pg_port and Redis on 127.0.0.1:$redis_port (data in $data)"
"$services" pg-start "$data/pg" "$pg_port"
"$services" redis-start "$data/redis" "$redis_port"
psql -h 127.0.0.1 -p "$pg_port" -U tickets -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'tickets'" | grep -q 1 ||
    psql -h 127.0.0.1 -p "$pg_port" -U tickets -d postgres -qc "CREATE DATABASE tickets"

export SUPABASE_DB_URL="postgresql://tickets@127.0.0.1:$pg_port/tickets"
export REDIS_HOST=127.0.0.1 REDIS_PORT=$redis_port API_PORT=$api_port
export CORS_ORIGINS=${CORS_ORIGINS:-'["http://localhost:3000"]'}

# The first admin, so that someone can log in (AUTH_REQUIRED is on by default).
admin_email=${TICKETS_ADMIN_EMAIL:-admin@soporte.local}
password_file="$data/admin-password"
if [ -z "${TICKETS_ADMIN_PASSWORD:-}" ] && [ ! -s "$password_file" ]; then
    (umask 077 && head -c 18 /dev/urandom | base64 | tr '+/' '-_' >"$password_file")
fi
password_source=$password_file
if [ -n "${TICKETS_ADMIN_PASSWORD:-}" ]; then
    password_source=TICKETS_ADMIN_PASSWORD
    printf '%s\n' "$TICKETS_ADMIN_PASSWORD" | "$root/build/server/tickets-server" --create-admin "$admin_email" >/dev/null
else
    "$root/build/server/tickets-server" --create-admin "$admin_email" <"$password_file" >/dev/null
fi
unset TICKETS_ADMIN_PASSWORD

(cd "$root" && exec "$root/build/server/tickets-server") &
pids+=($!)

for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$api_port/health/ready" >/dev/null 2>&1 && break
    kill -0 "${pids[0]}" 2>/dev/null || { echo "run.sh: tickets-server did not start" >&2; exit 1; }
    sleep 0.2
done
(cd "$root" && exec "$root/build/server/tickets-worker") &
pids+=($!)
echo "run.sh: Soporte is up: API http://127.0.0.1:$api_port  docs http://127.0.0.1:$api_port/docs  (Ctrl-C stops)"
echo "run.sh: log in as $admin_email with the password in $password_source"
if [ "${TICKETS_DESKTOP:-1}" != 0 ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    # Closing the client leaves the server running; Ctrl-C here stops everything.
    "$root/build/client/tickets-desktop" --server "http://127.0.0.1:$api_port" &
    pids+=($!)
else
    echo "run.sh: no display here; start the client elsewhere with: tickets-desktop --server http://<this host>:$api_port"
fi
wait "${pids[0]}"
