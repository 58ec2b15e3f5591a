#!/usr/bin/env bash
# Install the bundle for this user only, without root, into ~/.local:
#   ~/.local/lib/facilitator/                     the bundle (dist/Facilitator)
#   ~/.local/bin/facilitator                      the launcher (the app; subcommands with arguments)
#   ~/.local/share/applications/facilitator.desktop   the menu entry
#   ~/.local/share/icons/hicolor/…/facilitator.*      the icons
# Your database and settings are not touched, by installing or by uninstalling.
#
#   bash installer/install-user.sh [BUNDLE]     (default dist/Facilitator; built if missing)
#   bash installer/install-user.sh --uninstall
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
LIB=$HOME/.local/lib/facilitator
BIN=$HOME/.local/bin/facilitator
DESKTOP=$DATA/applications/facilitator.desktop
ICONS=$DATA/icons/hicolor

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

refresh_menus() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$DATA/applications" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$ICONS" 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$LIB"
    rm -f "$BIN" "$DESKTOP"
    find "$ICONS" -name 'facilitator.png' -delete 2>/dev/null || true
    rm -f "$ICONS/scalable/apps/facilitator.svg"
    refresh_menus
    say "Facilitator removed (your databases in ${DATA}/Facilitator are kept)"
    exit 0
fi

bundle=${1:-$here/dist/Facilitator}
if [ ! -x "$bundle/Facilitator" ]; then
    [ $# -eq 0 ] || { say "no bundle at $bundle (it should hold Facilitator)"; exit 1; }
    bash "$here/installer/build.sh"
fi
bundle=$(cd "$bundle" && pwd)

say "installing into $LIB"
mkdir -p "$(dirname "$LIB")" "$(dirname "$BIN")" "$(dirname "$DESKTOP")" "$ICONS/scalable/apps"
# Copy beside the old one, then swap, so a failed copy leaves the old install working.
rm -rf "$LIB.new"
cp -a "$bundle" "$LIB.new"
rm -rf "$LIB.old"
[ -e "$LIB" ] && mv "$LIB" "$LIB.old"
mv "$LIB.new" "$LIB"
rm -rf "$LIB.old"

cat > "$BIN.new" <<LAUNCHER
#!/bin/sh
# Facilitator (installed for $(id -un) by install-user.sh): the app, or subcommands with arguments.
exec "$LIB/Facilitator" "\$@"
LAUNCHER
chmod 755 "$BIN.new"
mv "$BIN.new" "$BIN"

# The menu entry starts the program by its full path: ~/.local/bin is not always on a
# desktop session's PATH.
sed "s|^Exec=.*|Exec=\"$LIB/Facilitator\"|" "$here/installer/facilitator.desktop" > "$DESKTOP.new"
mv "$DESKTOP.new" "$DESKTOP"
cp -a "$here/resources/icons/hicolor/." "$ICONS/"
cp "$here/resources/icons/facilitator.svg" "$ICONS/scalable/apps/facilitator.svg"
refresh_menus

say "Facilitator installed: start it from your applications menu, or run: facilitator"
case ":$PATH:" in
    *":$HOME/.local/bin:"*) ;;
    *) say "$HOME/.local/bin is not on your PATH: add it, or run $BIN" ;;
esac
