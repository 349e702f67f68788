#!/usr/bin/env bash
# Replays the Dockerfile without a Docker engine and proves the image's runtime stage runs the worker:
#   1. the Node.js line of the Dockerfile's images (from the npm registry package node-linux-<arch> when this
#      machine's node differs) runs every stage;
#   2. deploy/replay-dockerfile.mjs builds the build context exactly as Docker would (.dockerignore applied),
#      then replays each stage's COPY/RUN/ENV/WORKDIR/USER/CMD in its own directory;
#   3. the runtime stage's command runs there with the image's environment, as the image's user (nonroot is
#      uid/gid 65532 in distroless; through setpriv when this script runs as root), in mock mode with
#      FIRESTORE_EMULATOR_HOST on an unused loopback port (nothing is contacted);
#   4. checks GET /healthz answers 200, that `worker.ready` is logged (the lazily loaded chunk with the
#      Firestore/GCS/Chart-IMG adapters resolved every package it imports), that no dev dependency is in the
#      runtime stage, that the user cannot write under the working directory, that record mode is refused
#      there, and that SIGTERM stops the process with exit code 0.
# Needs the npm registry (or a warm npm cache); a minute or two. Run from anywhere, as root for the user switch:
#   bash deploy/check-runtime-stage.sh
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/worker-runtime-stage.XXXXXX")"
chmod 755 "$WORK"
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

# 1. The image's Node.js line: both ARG lines of the Dockerfile must name the same major.
majors="$(sed -nE 's/^ARG (NODE_IMAGE=node:|RUNTIME_IMAGE=gcr\.io\/distroless\/nodejs)([0-9]+).*/\2/p' "$ROOT/Dockerfile" | sort -u)"
[[ "$(wc -l <<<"$majors")" == "1" && -n "$majors" ]] || fail "the Dockerfile's build and runtime images name different Node.js lines: $(echo $majors)"
NODE_MAJOR="$majors"
if [[ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" != "$NODE_MAJOR" ]]; then
  PATH="$(bash "$ROOT/deploy/node-from-npm.sh" "$NODE_MAJOR"):$PATH"
  export PATH
fi
NODE_BIN="$(command -v node)"
echo "Node.js $(node --version) ($NODE_BIN), the image's line $NODE_MAJOR"

free_port() {
  node -e 'const s=require("node:net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

# 2. Docker's .dockerignore rules come from @balena/dockerignore, installed beside the replay (not a project
# dependency: the image never needs it).
TOOLS="$WORK/tools"
npm install --prefix "$TOOLS" --no-save --no-audit --no-fund --loglevel=error @balena/dockerignore@1 >/dev/null
node "$ROOT/deploy/replay-dockerfile.mjs" --root "$ROOT" --work "$WORK" --dockerignore-module "$TOOLS/node_modules/@balena/dockerignore" \
  --npm-cache "${XDG_CACHE_HOME:-$HOME/.cache}/worker-chart-export/replay-npm-cache"

RUNTIME="$WORK/runtime.json"
field() { node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));const v=r[process.argv[2]];console.log(typeof v==="string"?v:JSON.stringify(v))' "$RUNTIME" "$1"; }
STAGE_ROOT="$(field root)"
APP_DIR="$(field workdir)"
IMAGE_USER="$(field user)"
for dev in jest typescript esbuild nx tsx; do
  [[ -e "$APP_DIR/node_modules/$dev" ]] && fail "dev dependency $dev is in the runtime stage"
done

# The distroless nodejs images' entrypoint is /nodejs/bin/node: the same binary goes there.
mkdir -p "$STAGE_ROOT/nodejs/bin"
cp "$NODE_BIN" "$STAGE_ROOT/nodejs/bin/node"
mapfile -t CMD < <(node -e 'for (const a of JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).cmd) console.log(a)' "$RUNTIME")
mapfile -t IMAGE_ENV < <(node -e 'for (const [k,v] of Object.entries(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).env)) console.log(`${k}=${v}`)' "$RUNTIME")

case "$IMAGE_USER" in
  nonroot) UID_GID=65532 ;;
  root | 0) fail "the runtime stage runs as root" ;;
  *[!0-9]*) fail "unknown image user $IMAGE_USER" ;;
  *) UID_GID="$IMAGE_USER" ;;
esac
if [[ "$(id -u)" == "0" ]]; then
  AS_USER=(setpriv --reuid="$UID_GID" --regid="$UID_GID" --clear-groups)
  echo "runs as uid/gid $UID_GID (the image's user $IMAGE_USER)"
else
  AS_USER=()
  echo "NOTE: not root, so the worker runs as uid $(id -u) instead of the image's $IMAGE_USER ($UID_GID)" >&2
fi

# Replaces the calling subshell with a command in the runtime stage: its working directory, its environment plus
# the given variables. Call it as `( in_image ... )`, so a background job's PID is the command's own.
in_image() {
  cd "$APP_DIR" && exec env -i "${IMAGE_ENV[@]}" "$@"
}

if [[ "${#AS_USER[@]}" -gt 0 ]]; then
  ( in_image "${AS_USER[@]}" "$STAGE_ROOT/nodejs/bin/node" -e 'require("fs").writeFileSync("fixtures/probe", "x")' ) 2>/dev/null \
    && fail "the image's user can write under its working directory"
  echo "the working directory is read-only for $IMAGE_USER"
fi

PORT="$(free_port)"
FIRESTORE_PORT="$(free_port)"
WORKER_ENV=(ENV=staging CHARTS_BUCKET=gs://charts-runtime-check GOOGLE_CLOUD_PROJECT=demo-runtime-check
  FIRESTORE_EMULATOR_HOST="127.0.0.1:$FIRESTORE_PORT" PORT="$PORT" HOST=127.0.0.1)

# Record mode saves fixtures: refused at start in the image.
set +e
( in_image "${WORKER_ENV[@]}" CHARTS_API_MODE=record CHART_IMG_ACCOUNTS_JSON='[{"id":"a","apiKey":"k","plan":"BASIC"}]' \
  "${AS_USER[@]}" "$STAGE_ROOT/nodejs/bin/node" "${CMD[@]}" ) >"$LOG" 2>&1
CODE=$?
set -e
[[ "$CODE" == "1" ]] || fail "CHARTS_API_MODE=record: exit code $CODE, expected 1"
grep -q '"worker.config_invalid"' "$LOG" && grep -q 'CHARTS_API_MODE=record is refused' "$LOG" || fail "record mode was not refused"
echo "CHARTS_API_MODE=record -> refused, exit 1"

( in_image "${WORKER_ENV[@]}" CHARTS_API_MODE=mock "${AS_USER[@]}" "$STAGE_ROOT/nodejs/bin/node" "${CMD[@]}" ) >"$LOG" 2>&1 &
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
echo "OK: the runtime stage, built from the Docker build context, runs the worker as $IMAGE_USER on Node.js $NODE_MAJOR"
