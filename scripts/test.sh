#!/usr/bin/env bash
# Runs every test: installs what is missing, builds with warnings as errors, runs the whole
# suite against a private PostgreSQL and Redis, then builds and runs it all again under
# AddressSanitizer and UndefinedBehaviorSanitizer. As root it then builds the packages and runs
# the installation test (apt install, the services as their units run them, nginx, purge).
#   scripts/test.sh             everything
#   scripts/test.sh -R cors     only the tests matching a ctest regex (both builds; no packages)
# TICKETS_INSTALL_TEST=0 leaves the packages out.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)

"$root/scripts/install-deps.sh"

run_suite() {
    local dir=$1; shift
    cmake -S "$root" -B "$dir" -G Ninja "$@" >/dev/null
    cmake --build "$dir" -j "$jobs"
    ctest --test-dir "$dir" --output-on-failure -j "$jobs" "${ctest_args[@]}"
}

ctest_args=("$@")
echo "== build and test (RelWithDebInfo) =="
run_suite "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
echo "== build and test under AddressSanitizer + UndefinedBehaviorSanitizer =="
run_suite "$root/build-asan" -DCMAKE_BUILD_TYPE=Debug -DTICKETS_SANITIZE=ON

if [ $# -gt 0 ] || [ "${TICKETS_INSTALL_TEST:-1}" = 0 ]; then
    echo "== packages and installation test: skipped (a test filter was given or TICKETS_INSTALL_TEST=0) =="
elif [ "$(id -u)" -ne 0 ]; then
    echo "== packages and installation test: skipped (it installs packages: run as root, as CI does) =="
else
    echo "== packages: build, lintian, desktop-file-validate, appstreamcli =="
    "$root/scripts/package.sh"
    echo "== installation test =="
    "$root/installer/test-install.sh" "$root/build-package/packages"
fi
