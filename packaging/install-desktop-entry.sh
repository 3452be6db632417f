#!/usr/bin/env bash
# Installs Curator's desktop entry and icon for the current user, so that Curator appears
# in the application menu and opens .curator files. Run after `make install`.
set -euo pipefail
cd "$(dirname "$0")/.."
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/scalable/apps"
mkdir -p "$apps" "$icons"
sed "s|^Exec=curator|Exec=$(pwd)/.venv/bin/curator|" resources/curator.desktop > "$apps/curator.desktop"
cp resources/icons/curator.svg "$icons/curator.svg"
echo "installed $apps/curator.desktop"
