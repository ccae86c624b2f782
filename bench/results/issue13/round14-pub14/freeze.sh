#!/bin/sh
# A frozen copy of a worktree's built package for A/B runs (as bench/run.js makes one): dist, SQL, schemas, templates,
# package.json, node_modules linked.   sh freeze.sh WORKTREE DEST
set -e
src=$1; dst=$2
rm -rf "$dst"; mkdir -p "$dst/src/publish"
cp -a "$src/dist" "$src/templates" "$src/package.json" "$dst/"
cp -a "$src/src/sql" "$dst/src/"; cp -a "$src/src/publish/schemas" "$dst/src/publish/"
ln -s "$src/node_modules" "$dst/node_modules"
