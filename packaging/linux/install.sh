#!/bin/sh
# Installs the packaged Curator (the folder this script is in) with its desktop entry,
# AppStream metadata, review file type and icons, then refreshes the desktop, MIME and icon
# caches so that Curator is in the menu and a double-clicked .curator file opens in it.
#
#   ./install.sh              for you:      ~/.local/lib/curator, ~/.local/bin, ~/.local/share
#   ./install.sh --system     for everyone: /opt/curator, /usr/local/bin, /usr/local/share (root)
#   ./install.sh --prefix DIR under DIR:    DIR/lib/curator, DIR/bin, DIR/share
#   add --uninstall to remove what the same command installed.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
ID=io.github.curator
scope=user
uninstall=0
while [ $# -gt 0 ]; do
  case "$1" in
    --user) scope=user ;;
    --system) scope=system ;;
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }
              scope=prefix; PREFIX=$2; shift ;;
    --uninstall) uninstall=1 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

case "$scope" in
  user)   APP="$HOME/.local/lib/curator"; BIN="$HOME/.local/bin"
          DATA="${XDG_DATA_HOME:-$HOME/.local/share}" ;;
  system) APP=/opt/curator; BIN=/usr/local/bin; DATA=/usr/local/share ;;
  prefix) PREFIX=$(mkdir -p "$PREFIX" && cd "$PREFIX" && pwd)
          APP="$PREFIX/lib/curator"; BIN="$PREFIX/bin"; DATA="$PREFIX/share" ;;
esac

if [ ! -x "$HERE/curator-gui" ] || [ ! -d "$HERE/share" ]; then
  echo "install.sh: $HERE is not a packaged Curator folder (build one with 'make package')" >&2
  exit 1
fi

SIZES="16 24 32 48 64 128 256 512"
refresh() {
  command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$DATA/mime" || true
  command -v update-desktop-database >/dev/null 2>&1 \
    && update-desktop-database -q "$DATA/applications" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 \
    && gtk-update-icon-cache -q -t -f "$DATA/icons/hicolor" || true
}

if [ "$uninstall" = 1 ]; then
  rm -f "$BIN/curator" "$BIN/curator-gui" "$DATA/applications/$ID.desktop" \
        "$DATA/metainfo/$ID.metainfo.xml" "$DATA/mime/packages/$ID.xml" \
        "$DATA/icons/hicolor/scalable/apps/$ID.svg"
  for size in $SIZES; do rm -f "$DATA/icons/hicolor/${size}x${size}/apps/$ID.png"; done
  [ "$APP" = "$HERE" ] || rm -rf "$APP"
  refresh
  echo "removed Curator from $APP and $DATA"
  exit 0
fi

mkdir -p "$BIN" "$DATA/applications" "$DATA/metainfo" "$DATA/mime/packages"
if [ "$APP" != "$HERE" ]; then
  rm -rf "$APP"
  mkdir -p "$(dirname "$APP")"
  cp -R "$HERE" "$APP"
fi
ln -sf "$APP/curator" "$BIN/curator"
ln -sf "$APP/curator-gui" "$BIN/curator-gui"
# The menu runs the program by its full path: ~/.local/bin is not on every session's PATH.
sed "s|^Exec=curator-gui |Exec=\"$APP/curator-gui\" |" "$HERE/share/applications/$ID.desktop" \
  > "$DATA/applications/$ID.desktop"
cp "$HERE/share/metainfo/$ID.metainfo.xml" "$DATA/metainfo/"
cp "$HERE/share/mime/packages/$ID.xml" "$DATA/mime/packages/"
cp -R "$HERE/share/icons" "$DATA/"
refresh
echo "installed Curator in $APP ($BIN/curator, $BIN/curator-gui) and its desktop files in $DATA"
