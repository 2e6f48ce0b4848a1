#!/usr/bin/env bash
# Installs the Debian 12 packages Soporte needs to build, run and test, when any is missing.
# Idempotent: with everything present it changes nothing and needs no network.
#   scripts/install-deps.sh                everything: server, desktop client, tests, packages, benchmarks
#   scripts/install-deps.sh --server-only  a headless server host (cmake -DTICKETS_BUILD_DESKTOP=OFF):
#                                          no Charts, QtKeychain, Linguist, rsvg-convert or X server
#   scripts/install-deps.sh --print        print the list and install nothing
# scripts/check-fresh-machine.sh proves, on a new Debian 12 root, that this list is complete.
set -euo pipefail

server_only=0
print_only=0
for arg in "$@"; do
    case "$arg" in
        --server-only) server_only=1 ;;
        --print) print_only=1 ;;
        *) echo "usage: $0 [--server-only] [--print]" >&2; exit 2 ;;
    esac
done

packages=(
    # toolchain (clang and its runtime build the fuzz targets)
    g++ cmake ninja-build pkg-config git ccache clang clang-format libclang-rt-14-dev
    # Qt 6.4 from Debian: what the server and the worker need
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev libqt6sql6-psql
    # storage and cache clients, password hashing (Argon2id)
    libhiredis-dev libpq-dev libsodium-dev
    # servers started privately by scripts/run.sh and by the tests; the pooler of the pooler tests
    postgresql redis-server pgbouncer
    # tests and benchmarks (pgbench comes with postgresql, redis-benchmark with redis-server)
    chromium wrk curl jq procps util-linux iproute2 python3
    # packages: build, lint, install test behind nginx
    dpkg-dev file rpm lintian nginx-light
    # the fresh-machine check (scripts/check-fresh-machine.sh)
    mmdebstrap
)
desktop_packages=(
    # Qt Charts needs Qt OpenGL's CMake package, which qt6-charts-dev does not pull in
    qt6-charts-dev libqt6opengl6-dev libgl-dev qtkeychain-qt6-dev
    # translations (lupdate, lrelease)
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    # the desktop client's screenshot, under a virtual X server, with real fonts
    xvfb xauth x11-apps fonts-dejavu-core
    # the desktop package: icons rendered at build time, desktop entry and AppStream checks
    librsvg2-bin desktop-file-utils appstream
)
[ "$server_only" = 1 ] || packages+=("${desktop_packages[@]}")

if [ "$print_only" = 1 ]; then
    printf '%s\n' "${packages[@]}"
    exit 0
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
