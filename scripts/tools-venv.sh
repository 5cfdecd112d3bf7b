#!/usr/bin/env bash
# Creates or refreshes the project's Python venv with the tools PokeWatch drives (mlflow, dvc, schemathesis),
# pinned in requirements-tools.txt. Idempotent: does nothing when the pinned versions are there.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${POKEWATCH_VENV:-.venv}"
stamp="$VENV/.tools-installed"

if [ -f "$stamp" ] && cmp -s requirements-tools.txt "$stamp" && [ -x "$VENV/bin/mlflow" ] && [ -x "$VENV/bin/dvc" ] && [ -x "$VENV/bin/st" ]; then
  exit 0
fi
PY=$(command -v python3 || true)
if [ -z "$PY" ]; then
  echo "python3 is required for the MLflow/DVC tools: install it (apt-get install -y python3 python3-venv)." >&2
  exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "Creating Python venv $VENV for mlflow, dvc and schemathesis ..."
  if ! "$PY" -m venv "$VENV" 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      rm -rf "$VENV"; "$PY" -m venv "$VENV"
    else
      echo "python3 cannot create a venv: install python3-venv (apt-get install -y python3-venv)." >&2
      exit 1
    fi
  fi
fi
echo "Installing $(grep -v '^#' requirements-tools.txt | xargs) into $VENV (first time takes a few minutes) ..."
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -r requirements-tools.txt
cp requirements-tools.txt "$stamp"
