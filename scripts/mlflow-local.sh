#!/usr/bin/env bash
# The local MLflow tracking server that training logs to when MLFLOW_TRACKING_URI is not set.
#
#   scripts/mlflow-local.sh start    run it in the foreground (make mlflow-local); Ctrl-C stops it
#   scripts/mlflow-local.sh ensure   reuse a server already answering on the port, or start one in the
#                                    background (pid + log in .mlflow/), wait until healthy, print the URL
#   scripts/mlflow-local.sh stop     stop the server that `ensure` started
#   scripts/mlflow-local.sh status   say whether a server answers (exit 0) or not (exit 1)
#   scripts/mlflow-local.sh url      print the URL
#
# Store: sqlite:///mlflow.db and ./mlartifacts (proxied artifacts), both in the repository root.
# Settings: MLFLOW_PORT (5000), POKEWATCH_VENV (<repo>/.venv), MLFLOW_START_TIMEOUT seconds (120),
# MLFLOW_WORKERS (1), MLFLOW_SERVER_EXTRA_ARGS (extra `mlflow server` flags, e.g. --allowed-hosts).
# Exits non-zero with a message when no MLflow can be run; training then falls back to ./mlruns.
set -euo pipefail
cd "$(dirname "$0")/.."

HOST=127.0.0.1
PORT="${MLFLOW_PORT:-5000}"
URL="http://$HOST:$PORT"
VENV="${POKEWATCH_VENV:-$PWD/.venv}"
STATE_DIR=.mlflow
PID_FILE="$STATE_DIR/server.pid"
LOG_FILE="$STATE_DIR/server.log"
TIMEOUT="${MLFLOW_START_TIMEOUT:-120}"

healthy() {
  if command -v curl >/dev/null 2>&1; then
    curl -sf -m 2 "$URL/health" >/dev/null 2>&1
  else
    "$VENV/bin/python" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" \
      "$URL/health" >/dev/null 2>&1
  fi
}

find_mlflow() {
  if [ -x "$VENV/bin/mlflow" ]; then
    echo "$VENV/bin/mlflow"
  elif command -v mlflow >/dev/null 2>&1; then
    command -v mlflow
  else
    echo "No MLflow to run: $VENV/bin/mlflow is missing and mlflow is not on PATH." >&2
    echo "Install it with scripts/tools-venv.sh (or make setup); training falls back to ./mlruns meanwhile." >&2
    return 1
  fi
}

mlflow_version() {
  local mlflow="$1"
  if [ "$mlflow" = "$VENV/bin/mlflow" ] && [ -x "$VENV/bin/python" ]; then
    # Reading the package metadata is instant; `mlflow --version` imports all of mlflow (seconds).
    "$VENV/bin/python" -c "import importlib.metadata as m; print(m.version('mlflow'))" 2>/dev/null
  else
    "$mlflow" --version 2>/dev/null | sed -n 's/.*version \([0-9][0-9.]*\).*/\1/p'
  fi
}

# The server's command line. Every flag used here exists in MLflow 2.x and 3.x (checked on 3.17:
# `mlflow server --help`); 3.x's host/CORS middleware already allows 127.0.0.1.
server_command() {
  local mlflow version
  mlflow=$(find_mlflow) || return 1
  version=$(mlflow_version "$mlflow")
  case "$version" in
    [2-9].* | [1-9][0-9].*) ;;
    *)
      echo "$mlflow reports version '${version:-unknown}'; MLflow 2 or newer is needed (scripts/tools-venv.sh)." >&2
      return 1
      ;;
  esac
  SERVER_CMD=("$mlflow" server --backend-store-uri sqlite:///mlflow.db --serve-artifacts
    --artifacts-destination ./mlartifacts --host "$HOST" --port "$PORT" --workers "${MLFLOW_WORKERS:-1}")
  if [ -n "${MLFLOW_SERVER_EXTRA_ARGS:-}" ]; then
    # shellcheck disable=SC2206 # word splitting of user-supplied flags is intended
    SERVER_CMD+=(${MLFLOW_SERVER_EXTRA_ARGS})
  fi
  # The tracking server must not try to log to itself or to a file store.
  unset MLFLOW_TRACKING_URI
  # MLflow 3 also starts a GenAI job runner (7 worker processes) that PokeWatch never uses.
  export MLFLOW_SERVER_ENABLE_JOB_EXECUTION="${MLFLOW_SERVER_ENABLE_JOB_EXECUTION:-false}"
}

running_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid=$(cat "$PID_FILE")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

port_taken() {
  (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null
}

cmd_start() {
  if healthy; then
    echo "An MLflow server already answers at $URL; not starting another." >&2
    exit 0
  fi
  server_command
  echo "MLflow server at $URL (store: sqlite:///mlflow.db, artifacts: ./mlartifacts); Ctrl-C to stop." >&2
  exec "${SERVER_CMD[@]}"
}

cmd_ensure() {
  if healthy; then
    echo "$URL"
    return 0
  fi
  if port_taken; then
    echo "Port $PORT on $HOST is in use but does not answer like MLflow ($URL/health)." >&2
    echo "Free the port or set MLFLOW_PORT to another one." >&2
    exit 1
  fi
  server_command
  mkdir -p "$STATE_DIR"
  echo "Starting MLflow server at $URL (log: $LOG_FILE) ..." >&2
  # setsid gives the server its own process group, so `stop` can end its workers too.
  if command -v setsid >/dev/null 2>&1; then
    nohup setsid "${SERVER_CMD[@]}" >"$LOG_FILE" 2>&1 </dev/null &
  else
    nohup "${SERVER_CMD[@]}" >"$LOG_FILE" 2>&1 </dev/null &
  fi
  local pid=$!
  echo "$pid" >"$PID_FILE"
  local waited=0
  until healthy; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "MLflow server exited during startup; last lines of $LOG_FILE:" >&2
      tail -n 20 "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE"
      exit 1
    fi
    if [ "$waited" -ge "$TIMEOUT" ]; then
      echo "MLflow server not healthy at $URL after ${TIMEOUT}s; stopping it. Last lines of $LOG_FILE:" >&2
      tail -n 20 "$LOG_FILE" >&2 || true
      cmd_stop >/dev/null 2>&1 || true
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  echo "MLflow server ready after ~${waited}s." >&2
  echo "$URL"
}

cmd_stop() {
  local pid
  if ! pid=$(running_pid); then
    rm -f "$PID_FILE"
    echo "No MLflow server started by this script is running."
    return 0
  fi
  # Signal the whole process group (uvicorn/gunicorn workers) when the server leads one.
  local target="$pid"
  if [ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" = "$pid" ]; then
    target="-$pid"
  fi
  kill -TERM -- "$target" 2>/dev/null || true
  for _ in $(seq 1 20); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL -- "$target" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
  echo "Stopped MLflow server (pid $pid)."
}

cmd_status() {
  if healthy; then
    local pid
    if pid=$(running_pid); then
      echo "MLflow server running at $URL (pid $pid, log $LOG_FILE)"
    else
      echo "MLflow server running at $URL (not started by this script)"
    fi
    return 0
  fi
  echo "No MLflow server answers at $URL"
  return 1
}

case "${1:-}" in
  start) cmd_start ;;
  ensure) cmd_ensure ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  url) echo "$URL" ;;
  *)
    echo "usage: $0 start|ensure|stop|status|url" >&2
    exit 2
    ;;
esac
