# Sourced by scripts/start, scripts/test and .ci/run: puts Node >= 22.12 first on PATH.
# Astro 7, vitest 5 and mermaid 12 need it; machines with an older system node get Node 24 from the npm
# registry in a cache folder. The system node is never touched.
sendoff_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}
if ! sendoff_node_ok; then
  SENDOFF_NODE_PREFIX="${SENDOFF_NODE_PREFIX:-$HOME/.cache/node24}"
  if [ ! -x "$SENDOFF_NODE_PREFIX/node_modules/.bin/node" ]; then
    echo "sendoff: installing Node 24 into $SENDOFF_NODE_PREFIX (system node: $(node --version 2>/dev/null || echo none))"
    npm install --prefix "$SENDOFF_NODE_PREFIX" --no-save --no-audit --no-fund node@24 >/dev/null
  fi
  export PATH="$SENDOFF_NODE_PREFIX/node_modules/.bin:$PATH"
fi
export ASTRO_TELEMETRY_DISABLED=1

# Installs the locked dependencies when node_modules is missing or older than the lock file.
sendoff_install() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
  fi
}
