#!/usr/bin/env bash
# Fuzz the serving API against its own OpenAPI document (called by `make test`; docs/api.md "Fuzzing").
#
# Builds a model from the bundled sample with the real commands (collect, preprocess, train into
# a temporary folder; nothing generated is kept in the repository), starts the packaged
# serving-api on a free loopback port with it and a fresh admin key, then runs Schemathesis with
# every check on every operation of the live /v3/api-docs: once with the key, once without it
# (where 401 is the documented answer). Bounded: --max-examples, a fixed --seed and a wall-clock
# cap per pass. Exits non-zero on any 5xx or any answer the document does not describe.
#
#   FUZZ_MAX_EXAMPLES (30), FUZZ_SEED (20261129), FUZZ_TIMEOUT seconds per pass (150),
#   FUZZ_MODEL_DIR (a served model to use instead of building one), FUZZ_REPORT_DIR
#   (target/fuzz under serving-api)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV="${POKEWATCH_VENV:-.venv}"
ST="$VENV/bin/st"
JAR=serving-api/target/serving-api.jar
MAX_EXAMPLES="${FUZZ_MAX_EXAMPLES:-30}"
SEED="${FUZZ_SEED:-20261129}"
PASS_TIMEOUT="${FUZZ_TIMEOUT:-150}"
REPORT_DIR="${FUZZ_REPORT_DIR:-serving-api/target/fuzz}"

[ -x "$ST" ] || { echo "fuzz-api.sh: $ST missing (scripts/tools-venv.sh installs it)" >&2; exit 1; }
[ -f "$JAR" ] || { echo "fuzz-api.sh: $JAR missing (build it: make build)" >&2; exit 1; }

work=$(mktemp -d)
api_pid=""
cleanup() {
  if [ -n "$api_pid" ] && kill -0 "$api_pid" 2>/dev/null; then
    kill "$api_pid" 2>/dev/null || true
    wait "$api_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/model" "$REPORT_DIR"
if [ -n "${FUZZ_MODEL_DIR:-}" ]; then
  cp "$FUZZ_MODEL_DIR"/* "$work/model/"
else
  # the document's examples name the bundled sample's cards: build their model for real, from
  # the last 120 bundled days only (the full replay writes ~11,000 files; this stays fast)
  echo "fuzz-api.sh: building a model from the bundled sample in $work ..."
  sed -e "s|data/raw|$work/raw|; s|data/processed|$work/processed|; s|models/candidate|$work/model|" \
    -e "s|models/baseline|$work/baseline|; s|reports_dir: reports|reports_dir: $work/reports|" params.yaml >"$work/params.yaml"
  (
    unset MLFLOW_TRACKING_URI
    export MLFLOW_FILE_STORE_DIR="$work/mlruns" REDIS_URL=
    bin/pokewatch collect --source sample --days 120 --output-dir "$work/raw" --log-file "$work/collector.log" &&
      bin/pokewatch preprocess --params "$work/params.yaml" &&
      bin/pokewatch train --params "$work/params.yaml"
  ) >"$REPORT_DIR/model-build.log" 2>&1 || {
    echo "fuzz-api.sh: building the model failed, see $REPORT_DIR/model-build.log" >&2; exit 1; }
fi
key=$(scripts/api-key.sh | sed -n 's/^ *\(pk_[A-Za-z0-9_-]*\)$/\1/p')
# The key is an admin key so /admin/reload is fuzzed too (admin keys also call client routes).
# The rate and auth-failure limits are raised: the fuzzer tests the contract, not throttling,
# and a 429 would leave the operations behind it untested.
start_api() { # starts the API on a free port; 0 when it answers, 2 when its port was taken meanwhile
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  base="http://127.0.0.1:$port"
  PORT=$port SERVER_ADDRESS=127.0.0.1 MODEL_DIR="$work/model" ADMIN_API_KEYS="$key" API_KEYS= MODEL_WATCH=false \
    RATE_LIMIT_RPM=1000000 RATE_LIMIT_BURST=1000000 SERVING_SECURITY_AUTH_FAILURES_PER_MINUTE=1000000 \
    WATCHLIST_FILE="$work/watchlists.json" ALERT_DELIVERY_LOG="$work/webhook-deliveries.jsonl" \
    REDIS_URL= POKEWATCH_JAR="$ROOT/$JAR" bin/pokewatch serve >"$REPORT_DIR/api.log" 2>&1 &
  api_pid=$!
  for _ in $(seq 120); do
    if curl -sf "$base/health" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$api_pid" 2>/dev/null; then
      grep -qi "already in use" "$REPORT_DIR/api.log" && return 2
      echo "fuzz-api.sh: the API exited, see $REPORT_DIR/api.log" >&2; exit 1
    fi
    sleep 0.5
  done
  echo "fuzz-api.sh: the API is not ready after 60 s" >&2; exit 1
}
# the free port is released before the API binds it: another process may take it meanwhile
for attempt in 1 2 3; do
  start_api && break
  [ "$attempt" = 3 ] && { echo "fuzz-api.sh: no free port after 3 tries, see $REPORT_DIR/api.log" >&2; exit 1; }
done

# One pass: Schemathesis exits non-zero on any failed check (5xx, undocumented status or
# header, response not matching its schema, accepted invalid input, ...). One worker: with two,
# Hypothesis parses lambda sources on both threads and CPython 3.11's ast module can crash
# ("SystemError: AST constructor recursion depth mismatch"), an error of the fuzzer, not the API.
run_pass() {
  local name="$1"; shift
  echo "fuzz: pass '$name' on $base (max $MAX_EXAMPLES examples, seed $SEED, cap ${PASS_TIMEOUT}s)"
  timeout "$PASS_TIMEOUT" "$ST" --config-file scripts/fuzz-api.toml run "$base/v3/api-docs" --checks all --max-examples "$MAX_EXAMPLES" \
    --seed "$SEED" --workers 1 --request-timeout 10 --no-color --generation-database none \
    --report junit --report-junit-path "$REPORT_DIR/$name.xml" "$@" >"$REPORT_DIR/$name.log" 2>&1
}

status=0
run_pass with-key -H "X-API-Key: $key" || status=1
run_pass without-key || status=1

# Counts from the JUnit reports: one test case per operation and pass.
read -r passed failed < <(python3 - "$REPORT_DIR/with-key.xml" "$REPORT_DIR/without-key.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET
passed = failed = 0
for path in sys.argv[1:]:
    try:
        cases = ET.parse(path).getroot().iter("testcase")
    except (OSError, ET.ParseError):
        failed += 1
        continue
    for case in cases:
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is None:
            passed += 1
print(passed, failed)
PY
)
if [ "$status" -ne 0 ]; then
  for name in with-key without-key; do
    sed -n '/^=* FAILURES =*$/,/^=* SUMMARY =*$/p' "$REPORT_DIR/$name.log"
  done
  echo "fuzz: logs in $REPORT_DIR"
  [ "$failed" -gt 0 ] || failed=1
fi
echo "fuzz: $passed passed, $failed failed"
exit "$status"
