#!/bin/sh
# usage: night.sh BASE ROUNDS [DAY] [SHIFT] [TZ]: ../ab5/nightly.mjs with A = the baseline worktree's build ($A_DIST,
# default /work/wt/seg14b-base/dist: a detached worktree at main) and B = this worktree's, alternating, each on a fresh
# copy of BASE (made by ../ab5/mkdb.mjs then ../ab4/prof.mjs with A's build), migrated by its build first (migrate.mjs,
# in no figure).
here=$(dirname "$0"); root=$(cd "$here/../../../.." && pwd)
adist=${A_DIST:-/work/wt/seg14b-base/dist}; tmp=/tmp/seg14b/night.duckdb
for r in $(seq 1 "$2"); do
  for v in A B; do
    if [ $v = A ]; then d=$adist; else d=$root/dist; fi
    rm -f $tmp.wal; cp "$1" $tmp
    node "$here/migrate.mjs" "$d" $tmp
    echo "# $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) round $r $v $(git -C "$d/.." rev-parse --short HEAD)"
    node "$here/../ab5/nightly.mjs" "$d" $tmp "${3:-2026-12-14}" "${4:-10}" "${5:-UTC}"
  done
done
rm -f $tmp $tmp.wal
