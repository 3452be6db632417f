#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Qt 6 (PySide6) needs to open a window or render
# offscreen, plus Python's venv module. Installs only what is missing; needs root or sudo.
set -euo pipefail

PACKAGES=(
  python3-venv python3-pip
  libegl1 libgl1 libopengl0 libfontconfig1 fonts-dejavu-core libdbus-1-3 libglib2.0-0
  libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1 libxrender1 libxi6
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0
)
# `--test`: also what the test suite runs beside Python: the desktop-integration validators
# and xdg-mime with its shared-mime-info back end (`mimetype`).
if [ "${1:-}" = "--test" ]; then
  PACKAGES+=(appstream desktop-file-utils shared-mime-info xdg-utils libfile-mimeinfo-perl)
fi

if ! command -v dpkg >/dev/null 2>&1; then
  echo "install-system-deps: not a Debian/Ubuntu system; install Qt 6's xcb/EGL libraries yourself" >&2
  exit 0
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "install-system-deps: please install as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "install-system-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
