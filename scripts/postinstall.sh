#!/bin/sh
# Runs after every `npm install`. In a checkout of the repository: applies patches/ and links the
# project's Node (set-up's .tools/node) into node_modules/.bin, where npm puts it first on the PATH
# of every npm script and npx command, so no shell needs its PATH changed. Installed as a package
# (the `1tt` command alone) there is nothing to do.
set -e
cd "$(dirname "$0")/.."
[ -f hardhat.config.ts ] || exit 0
patch-package
if [ -x .tools/node/bin/node ]; then
  mkdir -p node_modules/.bin
  ln -sfn ../../.tools/node/bin/node node_modules/.bin/node
fi
