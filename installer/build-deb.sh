#!/usr/bin/env bash
# Build a Debian/Ubuntu package of the bundle with dpkg-deb:
#   /opt/facilitator/                the bundle (dist/Facilitator)
#   /usr/bin/facilitator             the launcher on the PATH (app, or subcommands with arguments)
#   /usr/share/applications/         the menu entry (facilitator.desktop)
#   /usr/share/icons/hicolor/        the icons
# and declares Qt's system libraries as dependencies, so `apt-get install ./facilitator_….deb`
# brings them in.
#
#   bash installer/build-deb.sh              builds the bundle first (installer/build.sh)
#   bash installer/build-deb.sh --no-build   packs the dist/Facilitator already there
# Output: dist/facilitator_VERSION_ARCH.deb
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt 6 on X11 and Wayland (the same list dev.sh installs, less the virtual screen).
DEPENDS="libegl1, libgl1, libxkbcommon0, libfontconfig1, libfreetype6, libdbus-1-3, libglib2.0-0,
 libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-image0, libxcb-randr0,
 libxcb-render-util0, libxcb-shape0, libxcb-xkb1, libx11-xcb1, libwayland-client0,
 libwayland-cursor0, libwayland-egl1, fonts-dejavu-core"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
command -v dpkg-deb >/dev/null || { say "dpkg-deb is needed (Debian or Ubuntu)"; exit 1; }

[ "${1:-}" = "--no-build" ] || bash installer/build.sh
[ -x dist/Facilitator/Facilitator ] || { say "no bundle in dist/Facilitator: run installer/build.sh"; exit 1; }

VERSION=$(sed -n 's/^version *= *"\(.*\)"/\1/p' pyproject.toml | head -n1)
ARCH=$(dpkg --print-architecture)
STAGE=build/deb/facilitator_${VERSION}_${ARCH}
OUT=dist/facilitator_${VERSION}_${ARCH}.deb

say "staging $STAGE"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
         "$STAGE/usr/share/doc/facilitator" "$STAGE/usr/share/icons/hicolor/scalable/apps"
cp -a dist/Facilitator "$STAGE/opt/facilitator"
cat > "$STAGE/usr/bin/facilitator" <<'LAUNCHER'
#!/bin/sh
# Facilitator: with no arguments the app; `facilitator --help` lists the terminal subcommands.
exec /opt/facilitator/Facilitator "$@"
LAUNCHER
chmod 755 "$STAGE/usr/bin/facilitator"
install -m 644 installer/facilitator.desktop "$STAGE/usr/share/applications/facilitator.desktop"
cp -a resources/icons/hicolor/. "$STAGE/usr/share/icons/hicolor/"
install -m 644 resources/icons/facilitator.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/facilitator.svg"
cat > "$STAGE/usr/share/doc/facilitator/copyright" <<'COPYRIGHT'
Facilitator: MIT licence. The bundle carries Python, Qt (LGPLv3) via PySide6, SQLAlchemy,
Alembic, reportlab, openpyxl and platformdirs under their own licences, and DejaVu fonts
(see /opt/facilitator/_internal/resources/fonts).
COPYRIGHT
chmod -R u+rwX,go+rX,go-w "$STAGE"

SIZE=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: facilitator
Version: $VERSION
Architecture: $ARCH
Maintainer: Facilitator project <facilitator@localhost>
Installed-Size: $SIZE
Section: misc
Priority: optional
Depends: $DEPENDS
Description: offline planner and records for cohort programmes
 Facilitator keeps cohort records, session plans, a tool library of method
 cards and "finding the flex" worksheets in one SQLite file on this computer.
 Nothing leaves the machine unless you export it.
CONTROL

say "packing $OUT"
mkdir -p dist
dpkg-deb --root-owner-group -Zgzip -z6 --build "$STAGE" "$OUT" >/dev/null
echo "Built $OUT ($(du -h "$OUT" | cut -f1)). Install: sudo apt-get install ./$OUT" >&2
