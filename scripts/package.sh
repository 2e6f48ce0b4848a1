#!/usr/bin/env bash
# Builds the packages: tickets-server and tickets-desktop as .deb, .rpm and .tar.gz, from a
# Release build in build-package/ (install prefix /usr), then checks them: lintian (no
# errors), desktop-file-validate and appstreamcli. The files land in build-package/packages/.
#   scripts/package.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-package"

"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
      -DTICKETS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)"
rm -rf "$build/packages"
(cd "$build" && cpack -G "DEB;RPM;TGZ" >/dev/null)

echo "== lintian =="
lintian_flags=(--fail-on error)
[ "$(id -u)" -eq 0 ] && lintian_flags+=(--allow-root)
lintian "${lintian_flags[@]}" "$build"/packages/*.deb
echo "== desktop entry and AppStream metadata, as packaged =="
extracted=$(mktemp -d)
trap 'rm -rf "$extracted"' EXIT
dpkg-deb -x "$build"/packages/tickets-desktop_*.deb "$extracted"
desktop-file-validate "$extracted"/usr/share/applications/*.desktop
appstreamcli validate --no-net --pedantic "$extracted"/usr/share/metainfo/*.metainfo.xml
echo "== packages =="
ls -l "$build/packages"
