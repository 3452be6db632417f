#!/bin/sh
# Puts the Linux desktop files beside a packaged Curator folder: APPDIR/share/ laid out as
# under /usr/share (desktop entry, AppStream metainfo, MIME type, hicolor icons) and
# APPDIR/install.sh, which installs them. Run by packaging/package.sh:  stage.sh APPDIR
set -eu
[ $# -eq 1 ] && [ -d "$1" ] || { echo "stage.sh: usage: stage.sh APPDIR (an existing folder)" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ID=io.github.curator
share="$1/share"
mkdir -p "$share/applications" "$share/metainfo" "$share/mime/packages" \
  "$share/icons/hicolor/scalable/apps"
cp "$ROOT/packaging/linux/$ID.desktop" "$share/applications/"
cp "$ROOT/packaging/linux/$ID.metainfo.xml" "$share/metainfo/"
cp "$ROOT/packaging/linux/$ID.xml" "$share/mime/packages/"
cp "$ROOT/resources/icons/curator.svg" "$share/icons/hicolor/scalable/apps/$ID.svg"
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "$share/icons/hicolor/${size}x${size}/apps"
  cp "$ROOT/resources/icons/curator-$size.png" "$share/icons/hicolor/${size}x${size}/apps/$ID.png"
done
cp "$ROOT/packaging/linux/install.sh" "$1/install.sh"
chmod +x "$1/install.sh"
