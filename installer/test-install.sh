#!/usr/bin/env bash
# Installation test, as an administrator would do it, on this machine (root only: it installs
# packages). Needs the .deb files of scripts/package.sh.
#   installer/test-install.sh [PACKAGES_DIR]   (default build-package/packages)
#
# 1. apt installs tickets-server and tickets-desktop from the .deb files.
# 2. The packaged env file is pointed at a private PostgreSQL and Redis; the server and the
#    worker start as their systemd units' ExecStart= and User= say (no systemd needed).
# 3. /health answers, the schema is applied, the worker consumes a task.
# 4. Two instances behind Debian's nginx with the packaged site: an event created through one
#    reaches live clients of the other and of the proxy; WebSocket upgrades pass; the body
#    limit holds.
# 5. apt purges both packages; nothing of theirs is left behind.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
packages=$(cd "${1:-$root/build-package/packages}" && pwd)
services="$root/scripts/lib/services.sh"
work=$(mktemp -d /tmp/soporte-install.XXXXXX)
chmod 755 "$work"
pg_port=55832 redis_port=56779 port_a=58100 port_b=58101 proxy_port=58180
pids=()

[ "$(id -u)" -eq 0 ] || { echo "test-install: must run as root (it installs packages)"; exit 77; }
fail() { echo "test-install: FAIL: $*" >&2; exit 1; }
step() { echo "== $* =="; }
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    "$services" redis-stop "$work/redis" >/dev/null 2>&1 || true
    "$services" pg-stop "$work/pg" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

step "install the packages with apt"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends "$packages"/tickets-server_*.deb "$packages"/tickets-desktop_*.deb >/dev/null
dpkg -L tickets-server tickets-desktop | sort -u >"$work/files"
version=$(dpkg-query -W -f='${Version}' tickets-server)
for binary in tickets-server tickets-worker; do
    [ "$(/usr/bin/$binary --version)" = "$binary $version" ] || fail "$binary --version does not say $version"
done
[ "$(QT_QPA_PLATFORM=offscreen /usr/bin/tickets-desktop --version)" = "tickets-desktop $version" ] || fail "tickets-desktop --version"
getent passwd tickets >/dev/null || fail "the package did not create the tickets user"
for file in /lib/systemd/system/tickets-server.service /lib/systemd/system/tickets-worker.service \
            /etc/tickets/tickets.env /usr/share/tickets/nginx/tickets.conf /usr/share/man/man8/tickets-server.8.gz \
            /usr/share/applications/es.soporte.TicketsDesktop.desktop /usr/share/metainfo/es.soporte.TicketsDesktop.metainfo.xml \
            /usr/share/icons/hicolor/scalable/apps/tickets-desktop.svg /usr/share/icons/hicolor/48x48/apps/tickets-desktop.png; do
    [ -e "$file" ] || fail "$file is missing"
done
[ "$(stat -c %a /etc/tickets/tickets.env)" = 640 ] || fail "tickets.env must not be world-readable"
grep -qx /etc/tickets/tickets.env /var/lib/dpkg/info/tickets-server.conffiles || fail "tickets.env is not a conffile"

step "every variable the server reads is documented in the env file and the man page"
variables=$(/usr/bin/tickets-server --settings | cut -f1)
[ -n "$variables" ] || fail "tickets-server --settings lists nothing"
man_text=$(zcat /usr/share/man/man8/tickets-server.8.gz)
for variable in $variables; do
    grep -q "^#\?$variable=" /etc/tickets/tickets.env || fail "$variable is not in tickets.env"
    grep -q "$variable" <<<"$man_text" || fail "$variable is not in the man page"
done
for option in $(/usr/bin/tickets-server --help | grep -o '^ *--[a-z-]*' | tr -d ' '); do
    grep -q -- "${option//-/\\\\-}" <<<"$man_text" || fail "tickets-server $option is not in the man page"
done

step "a private PostgreSQL and Redis for the installed server"
"$services" pg-start "$work/pg" "$pg_port" >/dev/null
"$services" redis-start "$work/redis" "$redis_port" >/dev/null
psql -h 127.0.0.1 -p "$pg_port" -U tickets -d postgres -qc "CREATE DATABASE installed"

step "configure /etc/tickets/tickets.env as an administrator would"
sed -i -e "s|^SUPABASE_DB_URL=.*|SUPABASE_DB_URL=postgresql://tickets@127.0.0.1:$pg_port/installed|" \
       -e "s|^REDIS_PORT=.*|REDIS_PORT=$redis_port|" -e "s|^API_PORT=.*|API_PORT=$port_a|" \
       -e "s|^#TICKETS_TRUST_PROXY=.*|TICKETS_TRUST_PROXY=true|" /etc/tickets/tickets.env

# What systemd would do for a unit: its EnvironmentFile, its User, its ExecStart.
unit_value() { sed -n "s/^$2=//p" "/lib/systemd/system/$1.service"; }
start_unit() { # UNIT [VAR=VALUE...] -> runs in the background, logs to $work/UNIT.log
    local unit=$1; shift
    local user exec_start
    user=$(unit_value "$unit" User)
    exec_start=$(unit_value "$unit" ExecStart)
    install -d -o "$user" -g "$user" /var/lib/tickets # StateDirectory=
    (
        set -a; . /etc/tickets/tickets.env; set +a
        for assignment in "$@"; do export "${assignment?}"; done
        cd /var/lib/tickets && exec runuser -u "$user" -- $exec_start
    ) >"$work/$unit-$*.log" 2>&1 &
    pids+=($!)
}
wait_ready() { # PORT
    for _ in $(seq 1 150); do
        curl -fs "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    cat "$work"/*.log >&2
    fail "the server on port $1 did not start"
}

step "start tickets-server and tickets-worker as their units do"
start_unit tickets-server
wait_ready "$port_a"
start_unit tickets-worker
[ "$(curl -fs "http://127.0.0.1:$port_a/health" | jq -r .status)" = ok ] || fail "/health is not ok"
applied=$(psql -h 127.0.0.1 -p "$pg_port" -U tickets -d installed -tAc "SELECT count(*) FROM schema_migrations")
[ "$applied" = "$(ls /usr/share/tickets/database/*.sql | wc -l)" ] || fail "schema: $applied files applied"
curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port_a/tickets" | grep -qx 401 || fail "AUTH_REQUIRED is not on by default"

step "bootstrap an admin from a script, log in, open a ticket; the worker handles its task"
(set -a; . /etc/tickets/tickets.env; set +a; echo "instalacion-clave-larga" | /usr/bin/tickets-server --create-admin admin@instalacion.example) >/dev/null
token=$(curl -fsS "http://127.0.0.1:$port_a/auth/login" -H 'Content-Type: application/json' \
    -d '{"email":"admin@instalacion.example","password":"instalacion-clave-larga"}' | jq -r .access_token)
[ -n "$token" ] && [ "$token" != null ] || fail "login failed"
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
agent=$(curl -fsS "${auth[@]}" "http://127.0.0.1:$port_a/usuarios" -d '{"email":"agente@instalacion.example","nombre":"Agente","rol":"soporte"}' | jq -r .id)
first=$(curl -fsS "${auth[@]}" "http://127.0.0.1:$port_a/tickets" -d '{"titulo":"Primero","descripcion":"tras instalar"}' | jq -r .id)
for _ in $(seq 1 50); do
    notified=$(psql -h 127.0.0.1 -p "$pg_port" -U tickets -d installed -tAc \
        "SELECT count(*) FROM notificaciones WHERE ticket_id = '$first' AND destinatario_id = '$agent'" 2>/dev/null || echo 0)
    [ "$notified" = 1 ] && break
    sleep 0.2
done
[ "$notified" = 1 ] || { cat "$work"/tickets-worker*.log >&2; fail "the worker did not handle the task"; }
[ "$(redis-cli -p "$redis_port" LLEN cola:batch:procesar)" = 0 ] || fail "the queue was not emptied"

step "two instances behind nginx with the packaged site"
start_unit tickets-server "API_PORT=$port_b"
wait_ready "$port_b"
mkdir -p "$work/nginx"
sed -e "s/127.0.0.1:8000/127.0.0.1:$port_a/" -e "s/127.0.0.1:8001/127.0.0.1:$port_b/" \
    -e "s/listen 80;/listen 127.0.0.1:$proxy_port;/" -e "/listen \[::\]:80;/d" \
    -e "s|/var/log/nginx/access.log|$work/nginx/access.log|" \
    /usr/share/tickets/nginx/tickets.conf >"$work/nginx/tickets.conf"
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    include $work/nginx/tickets.conf;
}
EOF
nginx -t -q -c "$work/nginx/nginx.conf" || fail "the packaged nginx site does not load"
nginx -c "$work/nginx/nginx.conf"
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$proxy_port/health/ready" >/dev/null 2>&1 && break; sleep 0.1; done
[ "$(curl -fs "http://127.0.0.1:$proxy_port/health" | jq -r .status)" = ok ] || fail "/health through nginx"

# Live clients: server-sent events on instance B directly and through the proxy.
curl -sN --max-time 20 "http://127.0.0.1:$port_b/eventos/stream?access_token=$token" >"$work/sse-b.txt" &
pids+=($!)
curl -sN --max-time 20 "http://127.0.0.1:$proxy_port/eventos/stream?access_token=$token" >"$work/sse-proxy.txt" &
pids+=($!)
sleep 1
second=$(curl -fsS "${auth[@]}" "http://127.0.0.1:$port_a/tickets" -d '{"titulo":"Por A","descripcion":"evento"}' | jq -r .id)
for _ in $(seq 1 50); do
    grep -q "$second" "$work/sse-b.txt" && grep -q "$second" "$work/sse-proxy.txt" && break
    sleep 0.2
done
grep -q "\"ticket_creado\", \"ticket_id\": \"$second\"" "$work/sse-b.txt" || fail "instance B's live client missed the event made on A"
grep -q "$second" "$work/sse-proxy.txt" || fail "the live client behind nginx missed the event (buffered?)"

# A WebSocket upgrade passes through nginx.
upgrade=$(curl -s -i --max-time 3 -H "Connection: Upgrade" -H "Upgrade: websocket" -H "Sec-WebSocket-Version: 13" \
    -H "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==" "http://127.0.0.1:$proxy_port/ws/eventos?access_token=$token" | head -1 || true)
grep -q "101" <<<"$upgrade" || fail "WebSocket upgrade through nginx: $upgrade"
# The live routes are logged without their query strings (no token in the log).
sleep 0.5
grep -q "GET /ws/eventos " "$work/nginx/access.log" || fail "nginx logged no live request"
! grep -q "access_token" "$work/nginx/access.log" || fail "nginx logged a token of a live route"
# The body limit holds at the proxy.
status=$(head -c 2000000 /dev/zero | curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" --data-binary @- "http://127.0.0.1:$proxy_port/tickets")
[ "$status" = 413 ] || fail "a 2 MB body through nginx answered $status"
# Failed logins are counted per client address passed by nginx.
curl -s -o /dev/null "http://127.0.0.1:$proxy_port/auth/login" -H 'Content-Type: application/json' -d '{"email":"x@y.example","password":"mala"}'
[ "$(redis-cli -p "$redis_port" EXISTS "login:fallos:127.0.0.1:x@y.example")" = 1 ] || fail "X-Real-IP not used for failed logins"

step "stop, then purge"
for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
pids=()
kill "$(cat "$work/nginx.pid")"
apt-get purge -y -qq tickets-server tickets-desktop >/dev/null
left=()
while read -r path; do
    # Files must be gone; directories too, unless another package owns them (/usr/bin...).
    if [ -d "$path" ]; then
        [ -L "$path" ] && continue # /lib -> usr/lib on a merged-/usr system
        [ -z "$(ls -A "$path")" ] && ! dpkg -S "$path" >/dev/null 2>&1 && left+=("$path")
    elif [ -e "$path" ] || [ -L "$path" ]; then
        left+=("$path")
    fi
done <"$work/files"
[ ${#left[@]} -eq 0 ] || fail "left after purge: ${left[*]}"
[ ! -e /etc/tickets ] || fail "/etc/tickets is left after purge"
[ ! -e /var/lib/tickets ] || fail "/var/lib/tickets is left after purge"
echo "test-install: OK (the tickets system user stays, as Debian policy asks)"
