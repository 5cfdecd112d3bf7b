#!/usr/bin/env bash
# PokeWatch benchmarks (DESIGN §12, issue 9). Run through `make bench`, which builds the jars.
# Everything runs on loopback; every load loop is bounded in time. Run it on a quiet machine: on
# 2 cores any other build or test makes the numbers meaningless (the load average is recorded).
#   1. pipeline scale: preprocess + train + validate on 10k cards x 365 days (3.65M rows)
#   2. the ceiling: nginx serving a static 100-byte JSON file (wrk, 64 connections)
#   3. serving-api ready time on the 10k-card model, without and with the JDK AOT cache
#   4. /predict in the first BENCH_FIRST (30) s after each start with the AOT cache, then at steady
#      state after a warm-up
#   5. /batch_predict of 1000 cards; RSS after load
# Ends with one table of the figures, their ratios to nginx and the targets, appended to
# bench/results/<date>-<host>.md. Knobs: BENCH_CARDS, BENCH_DAYS, BENCH_DURATION (steady runs),
# BENCH_WARMUP (seconds), BENCH_FIRST (seconds after ready, 30), BENCH_READY_STARTS (starts with the
# AOT cache whose median ready time and first seconds are reported, 3), BENCH_SKIP_PIPELINE=1 to
# reuse a model built before.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${BENCH_WORK:-/tmp/pokewatch-bench}
CARDS=${BENCH_CARDS:-10000}
DAYS=${BENCH_DAYS:-365}
DURATION=${BENCH_DURATION:-10s}
# 120 s: after 60 s the JIT was still warming on 2 cores (rounds 4.6k -> 9.8k req/s; flat after 120 s)
WARMUP=${BENCH_WARMUP:-120}
FIRST_SECS=${BENCH_FIRST:-30}
READY_STARTS=${BENCH_READY_STARTS:-3}
mkdir -p "$WORK" bench/results
OUT="bench/results/$(date -u +%F)-$(hostname -s).md"
log() { echo "$*" | tee -a "$OUT"; }
need() { command -v "$1" >/dev/null 2>&1 || { [ "$(id -u)" = 0 ] && apt-get install -y -qq "$2" >/dev/null; } || { echo "bench needs $1 (apt-get install $2)" >&2; exit 1; }; }
need wrk wrk
# nginx lives in /usr/sbin, which a user's PATH may lack
export PATH="$PATH:/usr/sbin:/sbin"
need nginx nginx-light
need /usr/bin/time time

JAVA="$(bin/pokewatch java-home)/bin/java"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log ""
log "## $(date -u '+%F %T') UTC — $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, $("$JAVA" -version 2>&1 | grep -v "^NOTE" | head -1), load average at start $LOAD_START"

# --- 1. pipeline scale -------------------------------------------------------------------------
CP_FILE="$WORK/common-model.cp"
if [ ! -s "$CP_FILE" ]; then
  ./mvnw -q -B -o -pl common-model dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null
fi
cat > "$WORK/params.yaml" <<YAML
$(sed -e "s|raw_dir: .*|raw_dir: $WORK/data/raw|" -e "s|processed_dir: .*|processed_dir: $WORK/data/processed|" \
      -e "s|candidate_dir: .*|candidate_dir: $WORK/models/candidate|" -e "s|baseline_dir: .*|baseline_dir: $WORK/models/baseline|" \
      -e "s|reports_dir: .*|reports_dir: $WORK/reports|" params.yaml)
YAML
if [ -z "${BENCH_SKIP_PIPELINE:-}" ]; then
  if [ ! -f "$WORK/data/raw/.complete-$CARDS-$DAYS" ]; then
    rm -rf "$WORK/data/raw"
    "$JAVA" -cp "$(cat "$CP_FILE"):common-model/target/classes" bench/GenerateRawData.java "$WORK/data/raw" "$CARDS" "$DAYS" 10
    touch "$WORK/data/raw/.complete-$CARDS-$DAYS"
  fi
  rm -rf "$WORK/data/processed" "$WORK/models" "$WORK/reports"
  # the three steps in one JVM (bin/pokewatch retrain), as the scheduler and the training image run them
  /usr/bin/time -f "%e %M" -o "$WORK/time.retrain" env MLFLOW_TRACKING_URI= MLFLOW_FILE_STORE_DIR="$WORK/mlruns" \
    "$JAVA" -Xmx2g -jar training-service/target/training-service.jar retrain --params "$WORK/params.yaml" \
    > "$WORK/retrain.log" 2>&1 || { echo "retrain failed, see $WORK/retrain.log" >&2; tail -20 "$WORK/retrain.log" >&2; exit 1; }
  read -r PIPE_SECS kb < "$WORK/time.retrain"; PIPE_MB=$((kb / 1024))
  log "- preprocess + train + validate in one JVM ($CARDS cards x $DAYS days): ${PIPE_SECS} s wall, max RSS ${PIPE_MB} MB (-Xmx2g)"
  # where the time goes: the time of each step, as retrain prints it
  grep "^Retrain took" "$WORK/retrain.log" | sed "s/^/    /" | tee -a "$OUT" || true
fi

# --- 2. the ceiling: nginx ---------------------------------------------------------------------
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
NGINX_DIR="$WORK/nginx"; mkdir -p "$NGINX_DIR/www"
NPORT=$(free_port)
printf '{"card_id":"bench_00001","date":"2025-12-31","market_price":12.5,"fair_price":12.1,"signal":"HOLD"}' > "$NGINX_DIR/www/p.json"
cat > "$NGINX_DIR/nginx.conf" <<CONF
worker_processes 2; daemon off; pid $NGINX_DIR/nginx.pid; error_log $NGINX_DIR/error.log;
events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:$NPORT; root $NGINX_DIR/www; } }
CONF
nginx -c "$NGINX_DIR/nginx.conf" & NGINX_PID=$!
API_PID=
trap 'kill $API_PID 2>/dev/null || true; [ -n "${NGINX_PID:-}" ] && kill $NGINX_PID 2>/dev/null || true' EXIT
sleep 1
: > "$WORK/nginx.runs"
for i in 1 2 3; do
  r=$(wrk -t2 -c64 -d"$DURATION" -s bench/static.lua "http://127.0.0.1:$NPORT/p.json" | grep RESULT)
  log "- nginx static 100-byte JSON run $i: $r"; echo "$r" >> "$WORK/nginx.runs"
done
kill $NGINX_PID; NGINX_PID=
NGINX_RPS=$(field rps < "$WORK/nginx.runs" | median); NGINX_P99=$(field p99_ms < "$WORK/nginx.runs" | median)

# --- 3. serving-api ready time, without and with the AOT cache ---------------------------------
KEY="pk_bench_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export MODEL_DIR="$WORK/models/baseline"
start_api() { # label, extra env...: starts the API, waits for /health 200, sets API_PID PORT READY
  local label=$1 start; shift
  PORT=$(free_port)
  start=$(date +%s.%N)
  env "$@" API_KEYS="$KEY" RATE_LIMIT_RPM=100000000 RATE_LIMIT_BURST=100000000 PORT=$PORT MODEL_WATCH=false \
    bin/pokewatch serve > "$WORK/serving-$label.log" 2>&1 &
  API_PID=$!
  for _ in $(seq 1 1200); do
    curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
    kill -0 $API_PID 2>/dev/null || { tail -30 "$WORK/serving-$label.log" >&2; exit 1; }
    sleep 0.05
  done
  READY=$(printf "%.2f" "$(echo "$(date +%s.%N) - $start" | bc)")
  log "- serving-api ready ($label): ${READY} s, RSS $(awk '/VmRSS/{print int($2/1024)}' /proc/$API_PID/status) MB"
  startup_phases "$WORK/serving-$label.log" "$start" | tee -a "$OUT"
}
# Where the start goes, from the API's own log lines: JVM start to Spring's first line, the web
# context, the model files read (on their own thread from the moment the environment is ready),
# the model taken by the application, and Tomcat accepting requests.
startup_phases() { # log start-epoch-seconds
  python3 - "$1" "$2" <<'PY'
import re, sys
from datetime import datetime
stamps = {}
marks = {"spring": "Starting ServingApiApplication", "context": "Root WebApplicationContext: initialization completed",
         "read": "Model files read in", "model": "[trigger: startup]", "started": "Started ServingApiApplication"}
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.match(r"(\d{4}-\d\d-\d\dT[\d:.]+Z)", line)
    if not m:
        continue
    for key, text in marks.items():
        if text in line and key not in stamps:
            stamps[key] = datetime.fromisoformat(m.group(1).replace("Z", "+00:00")).timestamp()
t0 = float(sys.argv[2])
def at(key):
    return "%.2f s" % (stamps[key] - t0) if key in stamps else "?"
print(f"    phases (from launch): Spring's first line {at('spring')}, web context ready {at('context')}, "
      f"model files read {at('read')}, model taken by the app {at('model')}, started {at('started')}")
PY
}
stop_api() { kill $API_PID; wait $API_PID 2>/dev/null || true; API_PID=; }
start_api "no AOT cache" POKEWATCH_AOT=off
READY_PLAIN=$READY
stop_api
# the training run loads this model, so the cache holds the model reader's classes and profiles
bin/pokewatch aot-cache | tee -a "$OUT" || log "- the AOT cache could not be made (see logs/aot-cache.log)"
# several starts, each followed by the first 30 s of load (section 4): one start's ready time
# varies by a second or two on 2 cores, and its first 30 s by a quarter (the JIT races the load);
# the last start stays up for the steady runs
export BENCH_API_KEY="$KEY" BENCH_CARDS="$CARDS"
: > "$WORK/ready.runs"
: > "$WORK/first.runs"
for i in $(seq 1 "$READY_STARTS"); do
  [ "$i" -gt 1 ] && stop_api
  start_api "with the AOT cache, start $i of $READY_STARTS"
  echo "$READY" >> "$WORK/ready.runs"
  # --- 4. /predict: the first 30 s after ready (then steady state, below) -----------------------
  r=$(wrk -t2 -c64 -d"${FIRST_SECS}s" -s bench/predict.lua "http://127.0.0.1:$PORT" | grep RESULT)
  log "- /predict first $FIRST_SECS s after ready, start $i: $r"; echo "$r" >> "$WORK/first.runs"
done
READY_AOT=$(median < "$WORK/ready.runs")
READY_ALL=$(paste -sd' ' "$WORK/ready.runs")
AOT_NOTE="no AOT cache used"
tr '\0' ' ' < "/proc/$API_PID/cmdline" | grep -q -- "-XX:AOTCache" && AOT_NOTE="AOT cache"

wrk -t2 -c64 -d"${WARMUP}s" -s bench/predict.lua "http://127.0.0.1:$PORT" >/dev/null  # JIT warm-up
: > "$WORK/predict.runs"
for i in 1 2 3; do
  r=$(wrk -t2 -c64 -d"$DURATION" -s bench/predict.lua "http://127.0.0.1:$PORT" | grep RESULT)
  log "- /predict steady run $i: $r"; echo "$r" >> "$WORK/predict.runs"
done
STEADY_RPS=$(field rps < "$WORK/predict.runs" | median); STEADY_P99=$(field p99_ms < "$WORK/predict.runs" | median)
FIRST_RPS=$(field rps < "$WORK/first.runs" | median); FIRST_P99=$(field p99_ms < "$WORK/first.runs" | median)
FIRST_ALL=$(field rps < "$WORK/first.runs" | paste -sd' ')
ERRORS=$(cat "$WORK/predict.runs" "$WORK/first.runs" | awk '{for(i=1;i<=NF;i++) if ($i ~ /^errors_/) {split($i,a,"="); s+=a[2]}} END {print s+0}')

# --- 5. /batch_predict of 1000 cards; RSS after load --------------------------------------------
python3 -c "import json; print(json.dumps({'card_ids': ['bench_%05d' % i for i in range(1000)]}))" > "$WORK/batch.json"
BATCH_MS=$(for i in $(seq 1 20); do
  curl -s -o /dev/null -H "X-API-Key: $KEY" -H 'Content-Type: application/json' --data @"$WORK/batch.json" \
    -w '%{time_starttransfer}\n' "http://127.0.0.1:$PORT/batch_predict"
done | tail -10 | awk '{printf "%.1f\n", $1 * 1000}' | median)
log "- /batch_predict 1000 cards (median time to first byte of the last 10 of 20 calls): $BATCH_MS ms"
RSS=$(awk '/VmRSS/{print int($2/1024)}' /proc/$API_PID/status)
# the part of it that is the mapped AOT cache file (clean file pages, not the heap)
AOT_RSS=$(awk '/\.aot$/{f=1; next} /^[0-9a-f]+-[0-9a-f]+ /{f=0} f && /^Rss:/{s+=$2} END{print int(s/1024)}' /proc/$API_PID/smaps)
log "- serving RSS after load: $RSS MB, of which the mapped AOT cache $AOT_RSS MB"
stop_api

# --- the table -----------------------------------------------------------------------------------
ratio() { echo "scale=2; $1 / $2" | bc | sed 's/^\./0./'; }
verdict() { if [ "$(echo "$1" | bc)" = 1 ]; then echo met; else echo missed; fi; }
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo ""
  echo "| measure | value | ratio to nginx | target | |"
  echo "|---|---|---|---|---|"
  echo "| nginx static JSON (ceiling) | $NGINX_RPS req/s, p99 $NGINX_P99 ms | 1 | | |"
  echo "| /predict steady (median of 3 x $DURATION after ${WARMUP} s warm-up) | $STEADY_RPS req/s | $(ratio "$STEADY_RPS" "$NGINX_RPS") | >= 0.45 x nginx | $(verdict "$STEADY_RPS >= 0.45 * $NGINX_RPS") |"
  echo "| /predict p99 at 64 connections, steady | $STEADY_P99 ms | | <= 10 ms | $(verdict "$STEADY_P99 <= 10") |"
  echo "| /predict first $FIRST_SECS s after ready (median of $READY_STARTS starts: $FIRST_ALL) | $FIRST_RPS req/s, p99 $FIRST_P99 ms | $(ratio "$FIRST_RPS" "$NGINX_RPS") | >= 0.3 x nginx | $(verdict "$FIRST_RPS >= 0.3 * $NGINX_RPS") |"
  echo "| /predict errors (all runs) | $ERRORS | | 0 | $(verdict "$ERRORS == 0") |"
  echo "| /batch_predict 1000 cards | $BATCH_MS ms | | <= 20 ms | $(verdict "$BATCH_MS <= 20") |"
  echo "| ready, $CARDS-card model ($AOT_NOTE; median of $READY_STARTS starts: $READY_ALL) | $READY_AOT s | | <= 3 s | $(verdict "$READY_AOT <= 3") |"
  echo "| ready, $CARDS-card model (no AOT cache) | $READY_PLAIN s | | <= 3 s | $(verdict "$READY_PLAIN <= 3") |"
  echo "| serving RSS after load | $RSS MB ($AOT_RSS MB of it the mapped AOT cache) | | <= 400 MB | $(verdict "$RSS <= 400") |"
  if [ -n "${PIPE_SECS:-}" ]; then
    echo "| preprocess + train + validate, $CARDS x $DAYS | $PIPE_SECS s, max RSS $PIPE_MB MB | | <= 15 s, heap <= 2 GB | $(verdict "$PIPE_SECS <= 15") |"
  fi
  echo ""
  echo "Load average at start $LOAD_START, at end $LOAD_END."
} | tee -a "$OUT"
echo "Results appended to $OUT"
