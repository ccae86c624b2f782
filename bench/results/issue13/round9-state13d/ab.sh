#!/bin/sh
# A/B of a full state rebuild, builds alternating: ab.sh BASE_PKG BRANCH_PKG INGESTED.duckdb PAIRS
# One JSON line per run (rebuild-prof.mjs), prefixed with the build's label and the load before it.
dir=$(dirname "$0")
for i in $(seq 1 "$4"); do
  for pkg in "$1" "$2"; do
    printf '%s load %s ' "$(basename "$pkg")" "$(cut -d' ' -f1 /proc/loadavg)"
    node "$dir/rebuild-prof.mjs" "$pkg" "$3"
  done
done
