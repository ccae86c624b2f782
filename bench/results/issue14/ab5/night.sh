#!/bin/sh
# usage: night.sh SIZE ROUNDS [DAY] [SHIFT] [TZ]: nightly.mjs with A = main's build and B = this branch's, alternating,
# each on a fresh copy of its base database (A: /tmp/snapinc-SIZE.duckdb, B: -b, both with the last day's snapshot
# computed by their own build, as the previous nightly leaves them).
here=$(dirname "$0"); root=$(cd "$here/../../../.." && pwd)
for r in $(seq 1 "$2"); do
  for v in A B; do
    if [ $v = A ]; then d=/work/main/dist; src=/tmp/snapinc-$1.duckdb; else d=$root/dist; src=/tmp/snapinc-$1-b.duckdb; fi
    rm -f /tmp/snapinc-night.duckdb.wal; cp "$src" /tmp/snapinc-night.duckdb
    echo "# $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) $1 round $r $v"
    node "$here/nightly.mjs" "$d" /tmp/snapinc-night.duckdb "${3:-2026-12-14}" "${4:-10}" "${5:-UTC}"
  done
done
rm -f /tmp/snapinc-night.duckdb /tmp/snapinc-night.duckdb.wal
