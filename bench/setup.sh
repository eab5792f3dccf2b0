#!/usr/bin/env bash
# Benchmark setup (issue 9, deliverable 4): a venv of its own with oversight and the peers.
#
#   bench/setup.sh            # idempotent; bench/run.py calls it when bench/.venv is missing
#
# The peers are installed here only, for the benchmark, and never shipped with oversight:
#   docxtpl   (PyPI, into bench/.venv; brings python-docx, which also builds the peers' .docx)
#   mammoth, docx2python (PyPI, into bench/.venv: the import benchmark reads the same letters with them)
#   pandoc    (Debian's package through apt-get; PyPI's pypandoc-binary when apt is unavailable)
#   hyperfine (Debian, optional: run.py times cold starts itself without it)
# Then bench/peers/make.py writes the peers' letters from the model letter.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

py="${PYTHON:-}"
if [ -z "$py" ]; then
  for c in python3.11 python3; do
    if command -v "$c" >/dev/null 2>&1; then py="$c"; break; fi
  done
fi
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating bench/.venv with $("$py" --version)"
  "$py" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
echo "setup: installing oversight (editable), docxtpl, mammoth and docx2python into bench/.venv"
.venv/bin/python -m pip install -q --disable-pip-version-check -e .. docxtpl python-docx mammoth docx2python

apt_ok=0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then apt_ok=1; fi
need=()
command -v pandoc >/dev/null 2>&1 || need+=(pandoc)
command -v hyperfine >/dev/null 2>&1 || need+=(hyperfine)
if [ "${#need[@]}" -gt 0 ] && [ "$apt_ok" = 1 ]; then
  echo "setup: apt-get install ${need[*]}"
  apt-get update -qq >/dev/null 2>&1 || true
  for p in "${need[@]}"; do
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null 2>&1 \
      || echo "setup: apt-get could not install $p"
  done
fi
if ! command -v pandoc >/dev/null 2>&1; then
  echo "setup: no pandoc from apt; installing pypandoc-binary into bench/.venv"
  .venv/bin/python -m pip install -q --disable-pip-version-check pypandoc-binary
fi
command -v hyperfine >/dev/null 2>&1 || echo "setup: no hyperfine (optional): run.py times cold starts itself"

echo "setup: writing the peers' letters from the model letter (bench/peers/)"
.venv/bin/python peers/make.py
touch .venv/.bench-ready
echo "setup: done"
