#!/bin/sh
# Runs after every `npm install`. When set-up installed the project's own Node into .tools/node,
# a link to it in node_modules/.bin makes every npm script and npx command use it: npm puts
# node_modules/.bin first on the PATH of what it runs, so no shell needs its PATH changed.
set -e
cd "$(dirname "$0")/../.."
if [ -x .tools/node/bin/node ]; then
  mkdir -p node_modules/.bin
  ln -sfn ../../.tools/node/bin/node node_modules/.bin/node
fi
