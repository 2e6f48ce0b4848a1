#!/usr/bin/env bash
# Takes the README's screenshot from the real program: a private PostgreSQL and Redis, the
# server with demo data (scripts/seed-demo.sh), and tickets-desktop under Xvfb, logged in as a
# support agent. Writes docs/screenshot.png (or the file given).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/docs/screenshot.png}
work=$(mktemp -d /tmp/soporte-shot.XXXXXX)
services="$root/scripts/lib/services.sh"
pg_port=55632 redis_port=56579 api_port=58000

"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$root/build" -j "$(nproc)" --target tickets-server tickets-desktop

server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    "$services" redis-stop "$work/redis" || true
    "$services" pg-stop "$work/pg" || true
    rm -rf "$work"
}
trap cleanup EXIT

"$services" pg-start "$work/pg" "$pg_port"
"$services" redis-start "$work/redis" "$redis_port"
psql -h 127.0.0.1 -p "$pg_port" -U tickets -d postgres -qc "CREATE DATABASE tickets"
export SUPABASE_DB_URL="postgresql://tickets@127.0.0.1:$pg_port/tickets" REDIS_HOST=127.0.0.1 REDIS_PORT=$redis_port
export API_HOST=127.0.0.1 API_PORT=$api_port TICKETS_ACCESS_LOG=false
echo "captura-admin-clave" | "$root/build/server/tickets-server" --create-admin admin@soporte.local >/dev/null
"$root/build/server/tickets-server" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$api_port/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done
"$root/scripts/seed-demo.sh" "http://127.0.0.1:$api_port" admin@soporte.local captura-admin-clave

mkdir -p "$(dirname "$out")"
HOME=$work XDG_CONFIG_HOME=$work/config TICKETS_DESKTOP_NO_KEYCHAIN=1 \
TICKETS_DESKTOP_EMAIL=ana.garcia@example.com TICKETS_DESKTOP_PASSWORD=demo-clave-2026 \
    xvfb-run -a -s "-screen 0 1400x900x24" "$root/build/client/tickets-desktop" \
    --server "http://127.0.0.1:$api_port" --lang es --screenshot "$out"
echo "screenshot.sh: wrote $out"
