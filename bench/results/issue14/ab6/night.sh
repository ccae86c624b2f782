#!/bin/sh
# usage: night.sh BASE ROUNDS [DAY] [SHIFT] [TZ]: ../ab5/nightly.mjs with A = main's build (/work/main/dist) and B =
# this worktree's, alternating, each on a fresh copy of BASE (a bench database with its last day's snapshot, made by
# ../ab5/mkdb.mjs then ../ab4/prof.mjs; both builds keep the same tables, so one base serves both).
here=$(dirname "$0"); root=$(cd "$here/../../../.." && pwd)
for r in $(seq 1 "$2"); do
  for v in A B; do
    if [ $v = A ]; then d=/work/main/dist; else d=$root/dist; fi
    rm -f /tmp/seg14-night.duckdb.wal; cp "$1" /tmp/seg14-night.duckdb
    echo "# $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) round $r $v $(git -C "$d/.." rev-parse --short HEAD)"
    node "$here/../ab5/nightly.mjs" "$d" /tmp/seg14-night.duckdb "${3:-2026-12-14}" "${4:-10}" "${5:-UTC}"
  done
done
rm -f /tmp/seg14-night.duckdb /tmp/seg14-night.duckdb.wal
