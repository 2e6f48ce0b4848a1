#!/usr/bin/env bash
# Builds the packages: tickets-server and tickets-desktop as .deb, .rpm and .tar.gz, from a
# Release build in build-package/ (install prefix /usr), then checks them: lintian (no
# errors), desktop-file-validate and appstreamcli. The files land in build-package/packages/.
#   scripts/package.sh                 both packages
#   scripts/package.sh --server-only   tickets-server alone, on a host without the desktop stack
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-package"
desktop=ON
deps_args=()
if [ "${1:-}" = --server-only ]; then
    desktop=OFF
    deps_args=(--server-only)
fi

"$root/scripts/install-deps.sh" "${deps_args[@]}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
      -DTICKETS_BUILD_TESTS=OFF -DTICKETS_BUILD_DESKTOP=$desktop >/dev/null
cmake --build "$build" -j "$(nproc)"
rm -rf "$build/packages"
(cd "$build" && cpack -G "DEB;RPM;TGZ" >/dev/null)

echo "== lintian =="
lintian_flags=(--fail-on error)
[ "$(id -u)" -eq 0 ] && lintian_flags+=(--allow-root)
lintian "${lintian_flags[@]}" "$build"/packages/*.deb
if [ "$desktop" = ON ]; then
    echo "== desktop entry and AppStream metadata, as packaged =="
    extracted=$(mktemp -d)
    trap 'rm -rf "$extracted"' EXIT
    dpkg-deb -x "$build"/packages/tickets-desktop_*.deb "$extracted"
    desktop-file-validate "$extracted"/usr/share/applications/*.desktop
    appstreamcli validate --no-net --pedantic "$extracted"/usr/share/metainfo/*.metainfo.xml
fi
echo "== packages =="
ls -l "$build/packages"
