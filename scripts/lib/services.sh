#!/usr/bin/env bash
# Private PostgreSQL and Redis servers on loopback, each under a folder of its own.
# Used by scripts/run.sh (the product) and by the CTest fixtures (the tests).
#
#   services.sh pg-start DIR PORT      initdb on first use, start, wait until ready
#   services.sh pg-stop DIR
#   services.sh pg-crash DIR           stop it as a crash would (immediate mode)
#   services.sh redis-start DIR PORT
#   services.sh redis-stop DIR
#   services.sh pgbouncer-start DIR PORT PG_PORT   PgBouncer in transaction mode before that PostgreSQL
#   services.sh pgbouncer-stop DIR
#
# PostgreSQL refuses to run as root: as root the cluster belongs to the 'postgres' user.
set -euo pipefail

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
PG_SUPERUSER=tickets

as_pg() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# As root the cluster belongs to 'postgres', which must be able to reach its folder; when a
# parent folder is private to root, the cluster lives in a folder of its own under /var/tmp.
pg_dir() {
    local dir=$1
    if [ "$(id -u)" -eq 0 ]; then
        mkdir -p "$dir"
        if ! runuser -u postgres -- test -x "$(dirname "$dir")"; then
            dir="/var/tmp/soporte-pg-$(printf '%s' "$dir" | md5sum | cut -c1-12)"
            mkdir -p "$dir"
        fi
        chown postgres:postgres "$dir"
        chmod 700 "$dir"
    fi
    printf '%s' "$dir"
}

pg_start() {
    local dir port=$2
    dir=$(pg_dir "$1")
    mkdir -p "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
        as_pg "$PG_BIN/initdb" -D "$dir" -U "$PG_SUPERUSER" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/tmp/soporte-initdb.$$.log 2>&1 ||
            { cat /tmp/soporte-initdb.$$.log >&2; exit 1; }
    fi
    if as_pg "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
        # Left running by an earlier run: fine on the same port, restarted on another one.
        [ "$(sed -n 4p "$dir/postmaster.pid")" = "$port" ] && return 0
        as_pg "$PG_BIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
    fi
    # Tests trade durability for speed; TICKETS_PG_DURABLE=1 (benchmarks, fault runs) keeps
    # PostgreSQL's defaults, so a crash loses nothing that was committed.
    local speed="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${TICKETS_PG_DURABLE:-0}" = 1 ] && speed=""
    # TICKETS_PG_SETTINGS: more "-c name=value" options (the benchmark sizes its server).
    as_pg "$PG_BIN/pg_ctl" -D "$dir" -w -t 60 -l "$dir/server.log" \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 $speed ${TICKETS_PG_SETTINGS:-}" \
        start >/dev/null || { tail -n 20 "$dir/server.log" >&2; exit 1; }
}

# A crash: the server is stopped without a shutdown checkpoint (the fault tests' restart).
pg_crash() {
    local dir
    dir=$(pg_dir "$1")
    as_pg "$PG_BIN/pg_ctl" -D "$dir" -m immediate -w stop >/dev/null 2>&1 || true
}

pg_stop() {
    local dir
    dir=$(pg_dir "$1")
    if [ -f "$dir/postmaster.pid" ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
    fi
}

redis_start() {
    local dir=$1 port=$2
    mkdir -p "$dir"
    if [ -f "$dir/redis.pid" ] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then
        # Left running by an earlier run: fine on the same port, restarted on another one.
        redis-cli -p "$port" ping >/dev/null 2>&1 && return 0
        redis_stop "$dir"
    fi
    redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --daemonize yes \
        --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --save "" --appendonly no
    for _ in $(seq 1 100); do
        redis-cli -p "$port" ping >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "services.sh: redis did not start on port $port" >&2
    exit 1
}

redis_stop() {
    local dir=$1
    if [ -f "$dir/redis.pid" ]; then
        local pid
        pid=$(cat "$dir/redis.pid")
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        rm -f "$dir/redis.pid"
    fi
}

# PgBouncer in transaction mode, as hosted deployments put one before PostgreSQL: a pool of
# PGBOUNCER_POOL_SIZE (4) backends per database, smaller than a server's threads, handed out
# round-robin, so that consecutive statements of one client land on different backends. It
# refuses to run as root: as root it runs as 'postgres', like PostgreSQL.
pgbouncer_start() {
    local dir port=$2 pg_port=$3
    dir=$(pg_dir "$1")
    if [ -f "$dir/pgbouncer.pid" ] && kill -0 "$(cat "$dir/pgbouncer.pid")" 2>/dev/null; then
        grep -q "^listen_port = $port\$" "$dir/pgbouncer.ini" && return 0
        pgbouncer_stop "$1"
    fi
    cat >"$dir/pgbouncer.ini" <<EOF
[databases]
* = host=127.0.0.1 port=$pg_port user=$PG_SUPERUSER

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = any
pool_mode = transaction
default_pool_size = ${PGBOUNCER_POOL_SIZE:-4}
reserve_pool_size = 0
server_round_robin = 1
max_client_conn = 2000
; A restarted PostgreSQL is retried at once, and a client waits for a backend at most 5 s
; (the defaults, 15 s and 120 s, would turn a blip into long hangs).
server_login_retry = 1
query_wait_timeout = 5
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
EOF
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir/pgbouncer.ini"
    as_pg pgbouncer -d "$dir/pgbouncer.ini" || { tail -n 20 "$dir/pgbouncer.log" >&2; exit 1; }
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "services.sh: pgbouncer did not start on port $port" >&2
    tail -n 20 "$dir/pgbouncer.log" >&2
    exit 1
}

pgbouncer_stop() {
    local dir pid
    dir=$(pg_dir "$1")
    [ -f "$dir/pgbouncer.pid" ] || return 0
    pid=$(cat "$dir/pgbouncer.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$dir/pgbouncer.pid"
}

# Servers run from other working directories: every folder is made absolute first.
[ $# -ge 2 ] && set -- "$1" "$(realpath -m "$2")" "${@:3}"
case "${1:-}" in
    pg-start) pg_start "$2" "$3" ;;
    pg-stop) pg_stop "$2" ;;
    pg-crash) pg_crash "$2" ;;
    redis-start) redis_start "$2" "$3" ;;
    redis-stop) redis_stop "$2" ;;
    pgbouncer-start) pgbouncer_start "$2" "$3" "$4" ;;
    pgbouncer-stop) pgbouncer_stop "$2" ;;
    *) echo "usage: $0 pg-start DIR PORT | pg-stop DIR | pg-crash DIR | redis-start DIR PORT | redis-stop DIR |" \
        "pgbouncer-start DIR PORT PG_PORT | pgbouncer-stop DIR" >&2; exit 2 ;;
esac
