#!/bin/sh
# usage: ab.sh SIZE ROUNDS [ASOF] [TZ]: A = main's build (/work/main/dist) and B = this branch's, alternating, each on a
# fresh copy of the same database (/tmp/snapinc-SIZE.duckdb at version 15 with its state built; B's copy migrated to
# 16 beforehand, so the migration is in no figure), ../ab4/prof.mjs with REPS=3.
here=$(dirname "$0"); root=$(cd "$here/../../../.." && pwd)
for r in $(seq 1 "$2"); do
  for v in A B; do
    if [ $v = A ]; then d=/work/main/dist; src=/tmp/snapinc-$1.duckdb; else d=$root/dist; src=/tmp/snapinc-$1-b.duckdb; fi
    cp "$src" /tmp/snapinc-ab.duckdb
    echo "# $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) $1 round $r $v"
    REPS=3 node "$here/../ab4/prof.mjs" "$d" /tmp/snapinc-ab.duckdb ${3:-2026-12-23} ${4:-UTC}
  done
done
rm -f /tmp/snapinc-ab.duckdb /tmp/snapinc-ab.duckdb.wal
