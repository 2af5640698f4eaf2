# Sourced, not run: puts Node 24 and the locked pnpm first on PATH for this shell.
#
# DataSynth supports Node 22 and 24 (Node 20 reached end of life on 2026-04-30). When the
# machine's node is older than 24, Node 24 comes from the npm registry's `node` package into
# .tools/node24 and pnpm into .tools/pnpm — both inside the checkout (git-ignored), nothing global.
#   source scripts/use-node24.sh && pnpm install && pnpm test
DATASYNTH_PNPM_VERSION=12.4.2
DATASYNTH_NODE_MAJOR=24
_datasynth_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_datasynth_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$_datasynth_major" -lt "$DATASYNTH_NODE_MAJOR" ]; then
  if [ ! -x "$_datasynth_root/.tools/node24/node_modules/.bin/node" ]; then
    echo "Node $(node --version 2>/dev/null || echo none) is older than $DATASYNTH_NODE_MAJOR: installing node@$DATASYNTH_NODE_MAJOR into .tools/node24" >&2
    npm install --prefix "$_datasynth_root/.tools/node24" --no-fund --no-audit --loglevel=error \
      "node@$DATASYNTH_NODE_MAJOR" >&2
  fi
  export PATH="$_datasynth_root/.tools/node24/node_modules/.bin:$PATH"
fi
if [ "$(pnpm --version 2>/dev/null)" != "$DATASYNTH_PNPM_VERSION" ]; then
  if [ ! -x "$_datasynth_root/.tools/pnpm/node_modules/.bin/pnpm" ]; then
    npm install --prefix "$_datasynth_root/.tools/pnpm" --no-fund --no-audit --loglevel=error \
      "pnpm@$DATASYNTH_PNPM_VERSION" >&2
  fi
  export PATH="$_datasynth_root/.tools/pnpm/node_modules/.bin:$PATH"
fi
unset _datasynth_root _datasynth_major
