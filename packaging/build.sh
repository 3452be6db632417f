#!/usr/bin/env bash
# Builds the wheel and sdist into dist/ (the wheel carries database/ and resources/ as
# curator/_database and curator/_resources) and checks the wheel's contents.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
"$PY" -m build --outdir dist .
"$PY" - <<'PYCODE'
import glob, zipfile
wheel = sorted(glob.glob("dist/*.whl"))[-1]
names = zipfile.ZipFile(wheel).namelist()
for needed in ("curator/_database/schema.sql", "curator/_resources/style.qss", "curator/_resources/icons/curator-512.png"):
    assert needed in names, f"{needed} missing from {wheel}"
print(f"{wheel}: {len(names)} files, database/ and resources/ included")
PYCODE
