#!/usr/bin/env bash
# `make package`: Curator as a self-contained folder for this platform (PyInstaller, spec in
# packaging/pyinstaller/curator.spec), DIST/curator/, with the Linux desktop files under
# DIST/curator/share and its install.sh, and DIST/curator-VERSION-linux-ARCH.tar.gz of it.
# Checks that the packaged `curator --version` is pyproject.toml's version, and prints the
# build time and sizes. DIST (default dist) and WORK (default build/pyinstaller) move them.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
DIST=${DIST:-dist}
WORK=${WORK:-build/pyinstaller}
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')

started=$(date +%s)
"$PY" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$DIST" --workpath "$WORK" packaging/pyinstaller/curator.spec
app="$DIST/curator"

sh packaging/linux/stage.sh "$app"

reported=$("$app/curator" --version)
if [ "$reported" != "curator, version $VERSION" ]; then
  echo "package: the packaged curator says '$reported', pyproject.toml says $VERSION" \
       "(reinstall the project so its metadata is current: pip install -e .)" >&2
  exit 1
fi

tarball="$DIST/curator-$VERSION-linux-$(uname -m).tar.gz"
tar -C "$DIST" -czf "$tarball" curator
finished=$(date +%s)
echo "package: $app ($(du -sh "$app" | cut -f1)), $tarball ($(du -h "$tarball" | cut -f1))," \
     "built in $((finished - started)) s"
