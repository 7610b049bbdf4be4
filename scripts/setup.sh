#!/usr/bin/env bash
# Installs everything 1TT needs on a machine that has Node.js and npm.
# 1TT needs Node >= 22.18 (the version package.json's engines names: .ts files run without a
# flag); when the machine's node is older, a Node 22 from the npm registry is installed into
# .tools/node (this repository only, nothing global changes) and npm install links it into
# node_modules/.bin, where every npm script and npx command finds it: no PATH to set, ever.
set -euo pipefail
cd "$(dirname "$0")/.."
NODE_VERSION=22.23.3
here=$PWD

node_ok() {
  "$1" bin/check-node.cjs 2>/dev/null
}

if [ -x .tools/node/bin/node ] && node_ok .tools/node/bin/node; then
  export PATH="$here/.tools/node/bin:$PATH"
elif ! node_ok node; then
  need=$(sed -n 's/.*"node": ">=\([0-9.]*\)".*/\1/p' package.json)
  echo "setup: node $(node --version 2>/dev/null || echo missing) is older than $need, which 1TT needs; installing Node $NODE_VERSION into .tools/node"
  (cd / && npm install --global --prefix "$here/.tools/node" "node@$NODE_VERSION" --no-audit --no-fund --loglevel=error)
  export PATH="$here/.tools/node/bin:$PATH"
fi
echo "setup: using node $(node --version) at $(command -v node)"
# `npm ci` refuses this lockfile (it holds Hardhat's native simulator for linux-x64 only); install honours it.
npm install --no-audit --no-fund --loglevel=error
# The dApp's browser tests drive the system's Chromium (nothing downloads a browser).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian's chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: no chromium on PATH; the browser tests need it (Debian: sudo apt-get install chromium)"
  fi
fi
# The oracle runs its own embedded PostgreSQL (an npm package); Debian's server is for the second
# test run, against a separate server over TCP (npm run test:postgres-server).
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian's postgresql for the tests against a separate server"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  else
    echo "setup: no PostgreSQL server installed; npm run test:postgres-server needs one (Debian: sudo apt-get install postgresql)"
  fi
fi
echo "setup: done. npm start, npm test and npx 1tt run on node $(node --version) in any shell."

