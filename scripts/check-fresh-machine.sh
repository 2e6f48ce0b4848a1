#!/usr/bin/env bash
# Proves the README's set-up on a new Debian 12 machine: builds a minimal Debian 12 root with
# mmdebstrap (from this machine's apt sources), copies the checkout's tracked files into it and,
# inside it, does what a new user does:
#   1. scripts/install-deps.sh --server-only, configure -DTICKETS_BUILD_DESKTOP=OFF, build every
#      target, run the unit tests            (a headless server host)
#   2. scripts/install-deps.sh, configure everything, build every target, run the whole CTest suite
#   3. scripts/run.sh (without a display) until /health answers, then Ctrl-C
# Nothing of this machine's own packages is visible in there, so a package missing from
# install-deps.sh fails a step. On failure it prints one line naming the step and keeps that
# step's log; it always removes the root.
#   scripts/check-fresh-machine.sh           (as root; .ci/run runs it before the test suite)
# TICKETS_FRESH_KEEP=1 keeps the root for a look; TICKETS_FRESH_MIRROR overrides the apt sources.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "check-fresh-machine: run as root (it builds a Debian root and chroots into it)" >&2; exit 2; }
command -v mmdebstrap >/dev/null || "$root/scripts/install-deps.sh"

work=$(mktemp -d /var/tmp/soporte-fresh.XXXXXX)
chroot_dir="$work/root"
logs="/var/tmp/soporte-fresh-logs"
mkdir -p "$logs"
started=$(date +%s)

cleanup() {
    local status=$?
    # Mounts live in the chroot's own mount namespace and vanish with it; processes with its
    # PID namespace. Only the files are left to remove.
    if [ "${TICKETS_FRESH_KEEP:-0}" = 1 ]; then
        echo "check-fresh-machine: root kept in $chroot_dir"
    else
        rm -rf --one-file-system "$work"
    fi
    exit "$status"
}
trap cleanup EXIT

fail() {
    echo "check-fresh-machine: FAILED at step \"$1\" after $(($(date +%s) - started)) s (log: $2)" >&2
    tail -n 25 "$2" >&2 || true
    exit 1
}

# step NAME NETWORK(yes|no) SCRIPT: runs SCRIPT (bash, from /src) in the root, with a log of its
# own. Without network the step gets a private loopback-only network, so its test servers can
# never meet this machine's on the same ports. Mounts and processes live in namespaces of the
# step's own and end with it.
step() {
    local name=$1 network=$2 script=$3
    local log t0
    log="$logs/$(printf '%s' "$name" | tr -c 'a-zA-Z0-9' '-' | tr -s '-').log"
    t0=$(date +%s)
    echo "check-fresh-machine: $name"
    local netflag=()
    [ "$network" = no ] && netflag=(--net)
    if ! unshare --mount --pid --fork --kill-child "${netflag[@]}" -- bash -c '
            set -e
            root=$1 network=$2 script=$3
            [ "$network" = no ] && ip link set lo up
            mount --make-rprivate /
            mount -t proc proc "$root/proc"
            mount --rbind /dev "$root/dev"
            mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm"
            mount -t sysfs sysfs "$root/sys"
            mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
            exec chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
                PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
                /bin/bash -c "set -euo pipefail; cd /src; $script"' \
            _ "$chroot_dir" "$network" "$script" >"$log" 2>&1 </dev/null; then
        fail "$name" "$log"
    fi
    echo "check-fresh-machine:   done in $(($(date +%s) - t0)) s"
}

# The apt sources of this machine (Debian's only: third-party keys are not in a fresh root).
sources=()
if [ -n "${TICKETS_FRESH_MIRROR:-}" ]; then
    sources=("$TICKETS_FRESH_MIRROR")
else
    for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
        [ -f "$file" ] && grep -qiE '^[^#]*debian' "$file" && sources+=("$file")
    done
fi
[ ${#sources[@]} -gt 0 ] || sources=(http://deb.debian.org/debian)

echo "check-fresh-machine: minimal Debian 12 root in $chroot_dir (from ${sources[*]})"
mmdebstrap --variant=minbase --mode=root --include=ca-certificates \
    --aptopt='Acquire::Check-Valid-Until "false"' \
    bookworm "$chroot_dir" "${sources[@]}" >"$logs/mmdebstrap.log" 2>&1 || fail "mmdebstrap" "$logs/mmdebstrap.log"
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf"
# Packages must not start services inside the root (Debian's policy-rc.d convention).
printf '#!/bin/sh\nexit 101\n' >"$chroot_dir/usr/sbin/policy-rc.d"
chmod 755 "$chroot_dir/usr/sbin/policy-rc.d"

# The checkout as a clone would have it: tracked files only (with their working-tree content).
mkdir -p "$chroot_dir/src"
(cd "$root" && git ls-files -z --cached | tar --null -T - -cf -) | tar -xf - -C "$chroot_dir/src"

jobs=$(nproc)
step "server-only: scripts/install-deps.sh --server-only" yes "scripts/install-deps.sh --server-only"
step "server-only: configure" no "cmake -S . -B build-server -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTICKETS_BUILD_DESKTOP=OFF"
step "server-only: build every target" no "cmake --build build-server -j $jobs"
step "server-only: unit tests" no "ctest --test-dir build-server --output-on-failure -L unit"
step "full: scripts/install-deps.sh" yes "scripts/install-deps.sh"
step "full: configure" no "cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo"
step "full: build every target" no "cmake --build build -j $jobs"
step "full: every test" no "ctest --test-dir build --output-on-failure -j $jobs"
step "scripts/run.sh brings the product up" no '
    TICKETS_DESKTOP=0 setsid scripts/run.sh >run.log 2>&1 &
    pid=$!
    for i in $(seq 1 300); do
        curl -fs http://127.0.0.1:8000/health >/dev/null 2>&1 && break
        kill -0 $pid 2>/dev/null || { cat run.log; exit 1; }
        sleep 1
    done
    curl -fsS http://127.0.0.1:8000/health && echo
    grep -q "Soporte is up" run.log || { cat run.log; exit 1; }
    kill -INT -- -$pid
    wait $pid || true
    cat run.log'

echo "check-fresh-machine: passed in $(($(date +%s) - started)) s"
