#!/usr/bin/env bash
# Private PostgreSQL and Redis servers on loopback, each under a folder of its own.
# Used by scripts/run.sh (the product) and by the CTest fixtures (the tests).
#
#   services.sh pg-start DIR PORT      initdb on first use, start, wait until ready
#   services.sh pg-stop DIR
#   services.sh pg-crash DIR           stop it as a crash would (immediate mode)
#   services.sh redis-start DIR PORT
#   services.sh redis-stop DIR
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

# Servers run from other working directories: every folder is made absolute first.
[ $# -ge 2 ] && set -- "$1" "$(realpath -m "$2")" "${@:3}"
case "${1:-}" in
    pg-start) pg_start "$2" "$3" ;;
    pg-stop) pg_stop "$2" ;;
    pg-crash) pg_crash "$2" ;;
    redis-start) redis_start "$2" "$3" ;;
    redis-stop) redis_stop "$2" ;;
    *) echo "usage: $0 pg-start DIR PORT | pg-stop DIR | pg-crash DIR | redis-start DIR PORT | redis-stop DIR" >&2; exit 2 ;;
esac
