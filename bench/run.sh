#!/usr/bin/env bash
# PokeWatch benchmarks (DESIGN §12). Run through `make bench`, which selects the JDK and builds
# the jars. Everything runs on loopback; every load loop is bounded in time.
#   1. pipeline scale: preprocess + train + validate on 10k cards x 365 days (3.65M rows)
#   2. serving-api: ready time and RSS with the 10k-card model
#   3. /predict throughput and p99 (wrk, 64 connections) next to nginx serving a static file
#   4. /batch_predict of 1000 cards: server time
# Results are appended to bench/results/<date>-<host>.md. Override sizes with BENCH_CARDS,
# BENCH_DAYS; set BENCH_SKIP_PIPELINE=1 to reuse a model built before.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${BENCH_WORK:-/tmp/pokewatch-bench}
CARDS=${BENCH_CARDS:-10000}
DAYS=${BENCH_DAYS:-365}
DURATION=${BENCH_DURATION:-10s}
mkdir -p "$WORK" bench/results
OUT="bench/results/$(date -u +%F)-$(hostname -s).md"
log() { echo "$*" | tee -a "$OUT"; }
need() { command -v "$1" >/dev/null 2>&1 || { [ "$(id -u)" = 0 ] && apt-get install -y -qq "$2" >/dev/null; } || { echo "bench needs $1 (apt-get install $2)" >&2; exit 1; }; }
need wrk wrk
need nginx nginx-light
need /usr/bin/time time

log ""
log "## $(date -u '+%F %T') UTC — $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, $(java -version 2>&1 | grep -v "^NOTE" | head -1)"

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
    java -cp "$(cat "$CP_FILE"):common-model/target/classes" bench/GenerateRawData.java "$WORK/data/raw" "$CARDS" "$DAYS" 10
    touch "$WORK/data/raw/.complete-$CARDS-$DAYS"
  fi
  rm -rf "$WORK/data/processed" "$WORK/models" "$WORK/reports"
  for stage in preprocess train validate; do
    args=(); [ "$stage" = preprocess ] && args=(--raw-dir "$WORK/data/raw" --out-dir "$WORK/data/processed")
    [ "$stage" != preprocess ] && args=(--params "$WORK/params.yaml")
    /usr/bin/time -f "%e %M" -o "$WORK/time.$stage" env MLFLOW_TRACKING_URI= MLFLOW_FILE_STORE_DIR="$WORK/mlruns" \
      java -Xmx2g -jar training-service/target/training-service.jar "$stage" "${args[@]}" > "$WORK/$stage.log" 2>&1 \
      || { echo "$stage failed, see $WORK/$stage.log" >&2; tail -20 "$WORK/$stage.log" >&2; exit 1; }
    read -r secs kb < "$WORK/time.$stage"
    log "- pipeline $stage ($CARDS cards x $DAYS days): ${secs} s wall, max RSS $((kb / 1024)) MB (-Xmx2g)"
  done
fi

# --- 2. serving startup -----------------------------------------------------------------------
KEY="pk_bench_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
start=$(date +%s.%N)
MODEL_DIR="$WORK/models/baseline" API_KEYS="$KEY" RATE_LIMIT_RPM=100000000 RATE_LIMIT_BURST=100000000 PORT=$PORT \
  MODEL_WATCH=false bin/pokewatch serve > "$WORK/serving.log" 2>&1 &
API_PID=$!
trap 'kill $API_PID 2>/dev/null || true; [ -n "${NGINX_PID:-}" ] && kill $NGINX_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  kill -0 $API_PID 2>/dev/null || { tail -30 "$WORK/serving.log" >&2; exit 1; }
  sleep 0.05
done
ready=$(echo "$(date +%s.%N) - $start" | bc)
rss=$(awk '/VmRSS/{print int($2/1024)}' /proc/$API_PID/status)
log "- serving-api ready (model loaded, /health 200) in ${ready} s, RSS ${rss} MB, $(curl -s "http://127.0.0.1:$PORT/health")"

# --- 3. /predict vs nginx ---------------------------------------------------------------------
export BENCH_API_KEY="$KEY" BENCH_CARDS="$CARDS"
for i in 1 2 3; do wrk -t2 -c64 -d10s -s bench/predict.lua "http://127.0.0.1:$PORT" >/dev/null; done  # JIT warm-up
for i in 1 2 3; do
  r=$(wrk -t2 -c64 -d"$DURATION" -s bench/predict.lua "http://127.0.0.1:$PORT" | grep RESULT)
  log "- /predict wrk -t2 -c64 -d$DURATION run $i: $r"
done
rss=$(awk '/VmRSS/{print int($2/1024)}' /proc/$API_PID/status)
log "- serving-api RSS after load: ${rss} MB"

NGINX_DIR="$WORK/nginx"; mkdir -p "$NGINX_DIR/www"
NPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf '{"card_id":"bench_00001","date":"2025-12-31","market_price":12.5,"fair_price":12.1,"signal":"HOLD"}' > "$NGINX_DIR/www/p.json"
cat > "$NGINX_DIR/nginx.conf" <<CONF
worker_processes 2; daemon off; pid $NGINX_DIR/nginx.pid; error_log $NGINX_DIR/error.log;
events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:$NPORT; root $NGINX_DIR/www; } }
CONF
nginx -c "$NGINX_DIR/nginx.conf" & NGINX_PID=$!
sleep 1
for i in 1 2 3; do
  r=$(wrk -t2 -c64 -d"$DURATION" -s bench/static.lua "http://127.0.0.1:$NPORT/p.json" | grep RESULT)
  log "- nginx static 100-byte JSON run $i: $r"
done
kill $NGINX_PID; NGINX_PID=

# --- 4. /batch_predict of 1000 cards ---------------------------------------------------------
python3 -c "import json; print(json.dumps({'card_ids': ['bench_%05d' % i for i in range(1000)]}))" > "$WORK/batch.json"
for i in $(seq 1 20); do
  curl -s -o /dev/null -H "X-API-Key: $KEY" -H 'Content-Type: application/json' --data @"$WORK/batch.json" \
    -w '%{time_starttransfer}\n' "http://127.0.0.1:$PORT/batch_predict"
done | tail -10 | sort -n | awk '{a[NR]=$1} END {printf "- /batch_predict 1000 cards (last 10 of 20, time to first byte): median %.1f ms, max %.1f ms\n", a[int((NR+1)/2)]*1000, a[NR]*1000}' | tee -a "$OUT"

echo "Results appended to $OUT"
