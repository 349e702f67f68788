#!/usr/bin/env bash
# Replays the Dockerfile's runtime stage without a Docker engine and proves the bundle runs on it:
#   1. `npm ci --omit=dev --ignore-scripts` on a copy of package.json + package-lock.json in a temp dir
#      (the deps stage), the worker's bundle built into it (the build stage), fixtures/chart-api (mock mode);
#   2. `node --enable-source-maps dist/apps/worker/main.js` there as a plain process, NODE_ENV=production, mock mode,
#      FIRESTORE_EMULATOR_HOST on an unused loopback port (nothing is contacted);
#   3. checks GET /healthz answers 200, that `worker.ready` is logged (the lazily loaded chunk with the
#      Firestore/GCS/Chart-IMG adapters resolved every package it imports), that no dev dependency was
#      installed, and that SIGTERM stops the process with exit code 0.
# Needs the npm registry (or a warm npm cache); about a minute. Run from anywhere:
#   bash deploy/check-runtime-stage.sh
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/worker-runtime-stage.XXXXXX")"
LOG="$WORK/worker.log"
WORKER_PID=""

cleanup() {
  if [[ -n "$WORKER_PID" ]] && kill -0 "$WORKER_PID" 2>/dev/null; then kill -KILL "$WORKER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  [[ -f "$LOG" ]] && { echo "--- worker log ---" >&2; cat "$LOG" >&2; }
  exit 1
}

free_port() {
  node -e 'const s=require("node:net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

echo "runtime stage in $WORK"
cp "$ROOT/package.json" "$ROOT/package-lock.json" "$WORK/"
(cd "$WORK" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
for dev in jest typescript esbuild nx tsx; do
  [[ -e "$WORK/node_modules/$dev" ]] && fail "dev dependency $dev was installed in the runtime stage"
done

(cd "$ROOT" && node apps/worker/esbuild.mjs --outfile "$WORK/dist/apps/worker/main.js")
mkdir -p "$WORK/fixtures"
cp -R "$ROOT/fixtures/chart-api" "$WORK/fixtures/chart-api"
echo "node_modules: $(du -sh "$WORK/node_modules" | cut -f1), bundle: $(du -sh "$WORK/dist" | cut -f1)"

PORT="$(free_port)"
FIRESTORE_PORT="$(free_port)"
(
  cd "$WORK"
  exec env -i PATH="$PATH" NODE_ENV=production ENV=staging CHARTS_API_MODE=mock CHARTS_BUCKET=gs://charts-runtime-check \
    GOOGLE_CLOUD_PROJECT=demo-runtime-check FIRESTORE_EMULATOR_HOST="127.0.0.1:$FIRESTORE_PORT" PORT="$PORT" HOST=127.0.0.1 \
    node --enable-source-maps dist/apps/worker/main.js >"$LOG" 2>&1
) &
WORKER_PID=$!

STATUS=""
for _ in $(seq 1 300); do
  kill -0 "$WORKER_PID" 2>/dev/null || fail "the worker exited before /healthz answered"
  STATUS="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/healthz" || true)"
  [[ "$STATUS" == "200" ]] && break
  sleep 0.1
done
[[ "$STATUS" == "200" ]] || fail "/healthz did not answer 200 within 30 s (last: $STATUS)"
echo "GET /healthz -> 200"

for _ in $(seq 1 300); do
  grep -q '"worker.ready"' "$LOG" && break
  grep -q '"worker.start_failed"' "$LOG" && fail "the composition did not load"
  kill -0 "$WORKER_PID" 2>/dev/null || fail "the worker exited before worker.ready"
  sleep 0.1
done
grep -q '"worker.ready"' "$LOG" || fail "no worker.ready within 30 s"
echo "worker.ready logged: $(grep -o '"ready_ms":[0-9]*' "$LOG")"

kill -TERM "$WORKER_PID"
set +e
wait "$WORKER_PID"
CODE=$?
set -e
WORKER_PID=""
[[ "$CODE" == "0" ]] || fail "SIGTERM: exit code $CODE, expected 0"
grep -q '"worker.stopped"' "$LOG" || fail "no worker.stopped line after SIGTERM"
echo "SIGTERM -> exit 0"
echo "OK: the runtime stage holds everything the bundle imports"
