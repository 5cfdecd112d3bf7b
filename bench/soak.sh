#!/usr/bin/env bash
# PokeWatch soak test. Run through `make soak` (not in CI), which selects the JDK and builds the
# jars. Starts the serving API on a free loopback port with a fresh API key and sends mixed traffic
# (bench/soak.lua: predict, batch_predict, list_cards/cards, signals, health and some bad requests)
# for SOAK_DURATION seconds (default 600) in slices of SOAK_SLICE seconds (default 60). Records per
# slice the requests, errors (5xx and socket errors), 4xx (the bad requests), p50/p99/max and the
# load average, and the heap after a full GC at the start and at the end, in
# bench/results/<date>-soak.md.
# The model is SOAK_MODEL_DIR (default models/baseline, as `make pipeline` leaves it). When it is
# missing, a synthetic one is built the way bench/run.sh builds its model (GenerateRawData, then
# preprocess and train) with SOAK_CARDS cards x SOAK_DAYS days into SOAK_WORK, and its candidate is
# served as it is: the quality gate is not what a soak test checks, and small synthetic markets can
# fail it.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${SOAK_WORK:-/tmp/pokewatch-soak}
DURATION=${SOAK_DURATION:-600}
SLICE=${SOAK_SLICE:-60}
CONNECTIONS=${SOAK_CONNECTIONS:-16}
MODEL_DIR=${SOAK_MODEL_DIR:-models/baseline}
CARDS=${SOAK_CARDS:-1000}
DAYS=${SOAK_DAYS:-180}
mkdir -p "$WORK" bench/results
OUT=${SOAK_OUT:-bench/results/$(date -u +%F)-soak.md}
log() { echo "$*" | tee -a "$OUT"; }
command -v wrk >/dev/null 2>&1 || { [ "$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } \
  || { echo "soak needs wrk (apt-get install wrk)" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- the model ---------------------------------------------------------------------------------
if [ ! -f "$MODEL_DIR/model_metadata.json" ]; then
  echo "No model in $MODEL_DIR: building a synthetic one ($CARDS cards x $DAYS days) in $WORK" >&2
  MODEL_DIR="$WORK/models/candidate"
  if [ ! -f "$MODEL_DIR/model_metadata.json" ]; then
    CP_FILE="$WORK/common-model.cp"
    [ -s "$CP_FILE" ] || ./mvnw -q -B -o -pl common-model dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null
    sed -e "s|raw_dir: .*|raw_dir: $WORK/data/raw|" -e "s|processed_dir: .*|processed_dir: $WORK/data/processed|" \
        -e "s|candidate_dir: .*|candidate_dir: $WORK/models/candidate|" -e "s|baseline_dir: .*|baseline_dir: $WORK/models/baseline|" \
        -e "s|reports_dir: .*|reports_dir: $WORK/reports|" params.yaml > "$WORK/params.yaml"
    rm -rf "$WORK/data" "$WORK/models" "$WORK/reports"
    java -cp "$(cat "$CP_FILE"):common-model/target/classes" bench/GenerateRawData.java "$WORK/data/raw" "$CARDS" "$DAYS" 5
    for stage in preprocess train; do
      args=(--params "$WORK/params.yaml")
      [ "$stage" = preprocess ] && args=(--raw-dir "$WORK/data/raw" --out-dir "$WORK/data/processed")
      (cd "$WORK" && env MLFLOW_TRACKING_URI= MLFLOW_FILE_STORE_DIR="$WORK/mlruns" \
        java -jar "$OLDPWD/training-service/target/training-service.jar" "$stage" "${args[@]}") > "$WORK/$stage.log" 2>&1 \
        || { echo "$stage failed, see $WORK/$stage.log" >&2; tail -20 "$WORK/$stage.log" >&2; exit 1; }
    done
  fi
fi

# --- the server --------------------------------------------------------------------------------
KEY="pk_soak_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
PORT=$(free_port)
MODEL_DIR="$MODEL_DIR" API_KEYS="$KEY" RATE_LIMIT_RPM=100000000 RATE_LIMIT_BURST=100000000 PORT=$PORT \
  MODEL_WATCH=false bin/pokewatch serve > "$WORK/serving.log" 2>&1 &
API_PID=$!
trap 'kill $API_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 1200); do
  curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  kill -0 $API_PID 2>/dev/null || { tail -30 "$WORK/serving.log" >&2; exit 1; }
  sleep 0.05
done
curl -fs "http://127.0.0.1:$PORT/health" >/dev/null || { echo "serving-api did not become ready" >&2; exit 1; }
# the JDK that runs the server, whatever `java` is on the PATH
JCMD="$(dirname "$(readlink -f /proc/$API_PID/exe)")/jcmd"
heap_after_gc() {
  "$JCMD" "$API_PID" GC.run >/dev/null
  # the sum over the heap's spaces (one for G1, young and old for Serial and Parallel); the
  # Metaspace lines are not heap
  "$JCMD" "$API_PID" GC.heap_info | awk '/total.*used [0-9]+K/ && !/Metaspace|class space/ {
      match($0, /used [0-9]+K/); kb = substr($0, RSTART + 5, RLENGTH - 6); sum += kb
      name = $1; sub(/^[ \t]+/, "", name); parts = parts sep name " " int(kb / 1024) " MB"; sep = ", " }
    END { printf "%d MB used (%s)\n", sum / 1024, parts }'
}
curl -fs -H "X-API-Key: $KEY" "http://127.0.0.1:$PORT/list_cards?details=true" \
  | python3 -c 'import json, sys
def ids(node):
    if isinstance(node, dict):
        if isinstance(node.get("card_id"), str):
            yield node["card_id"]
        for value in node.values():
            yield from ids(value)
    elif isinstance(node, list):
        for value in node:
            yield from ids(value)
print("\n".join(list(dict.fromkeys(ids(json.load(sys.stdin))))[:5000]))' > "$WORK/ids.txt"
[ -s "$WORK/ids.txt" ] || { echo "/list_cards returned no card ids" >&2; exit 1; }

log ""
log "## Soak $(date -u '+%F %T') UTC — $(hostname -s), $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, $("$(dirname "$JCMD")/java" -version 2>&1 | grep -v '^NOTE' | head -1)"
log ""
log "- model: $MODEL_DIR ($(wc -l < "$WORK/ids.txt") cards), $(curl -s "http://127.0.0.1:$PORT/health")"
log "- traffic: wrk -t2 -c$CONNECTIONS, bench/soak.lua (per 20 requests: 10 predict, 2 batch_predict of 10, list_cards, cards, signals, health, 4 bad requests answered 4xx by design); ${DURATION} s in slices of ${SLICE} s"
log "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
log "- heap after GC at start: $(heap_after_gc)"
log ""
log "| slice | requests | req/s | errors (5xx) | socket errors | 4xx | p50 ms | p99 ms | max ms | load avg (1 min) |"
log "|---|---|---|---|---|---|---|---|---|---|"
export SOAK_API_KEY="$KEY" SOAK_IDS_FILE="$WORK/ids.txt"
elapsed=0
slice=0
total5=0
totalsock=0
while [ "$elapsed" -lt "$DURATION" ]; do
  slice=$((slice + 1))
  d=$(( (DURATION - elapsed) < SLICE ? (DURATION - elapsed) : SLICE ))
  r=$(wrk -t2 -c"$CONNECTIONS" -d"${d}s" --timeout 5s -s bench/soak.lua "http://127.0.0.1:$PORT" | grep '^RESULT') \
    || { echo "wrk gave no result in slice $slice" >&2; exit 1; }
  kv() { echo "$r" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  sock=$(( $(kv connect) + $(kv read) + $(kv write) + $(kv timeout) ))
  total5=$((total5 + $(kv s5xx)))
  totalsock=$((totalsock + sock))
  log "| $slice ($((elapsed / 60))m$((elapsed % 60))s) | $(kv requests) | $(kv rps) | $(kv s5xx) | $sock | $(kv s4xx) | $(kv p50_ms) | $(kv p99_ms) | $(kv max_ms) | $(cut -d' ' -f1 /proc/loadavg) |"
  elapsed=$((elapsed + d))
  kill -0 $API_PID 2>/dev/null || { log "- serving-api died during slice $slice"; tail -30 "$WORK/serving.log" >&2; exit 1; }
done
log ""
log "- heap after GC at end: $(heap_after_gc)"
log "- load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
log "- total: $total5 errors (5xx), $totalsock socket errors; serving-api RSS $(awk '/VmRSS/{print int($2/1024)}' /proc/$API_PID/status) MB"
echo "Results appended to $OUT"
[ "$total5" -eq 0 ] && [ "$totalsock" -eq 0 ]
