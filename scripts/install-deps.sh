#!/usr/bin/env bash
# Installs the Debian 12 packages Soporte needs to build, run and test, when any is missing.
# Idempotent: with everything present it changes nothing and needs no network.
set -euo pipefail

packages=(
    # toolchain
    g++ cmake ninja-build pkg-config git
    # Qt 6.4 from Debian
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev libqt6sql6-psql
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-charts-dev libgl-dev
    # storage and cache clients
    libhiredis-dev libpq-dev
    # password hashing (Argon2id) and the desktop client's keychain
    libsodium-dev qtkeychain-qt6-dev
    # servers started privately by scripts/run.sh and by the tests
    postgresql redis-server
    # tests and benchmarks
    chromium wrk curl jq procps util-linux
    # the desktop client's screenshot, under a virtual X server
    xvfb xauth x11-apps
    # packages: build, lint, install test behind nginx
    dpkg-dev file rpm lintian desktop-file-utils appstream nginx-light librsvg2-bin
)

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
