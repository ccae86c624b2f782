#!/bin/sh
# usage: bench.sh BASE ROUNDS [REPS]: the issue's command, `node bench/segments.js --size 10m --reps REPS --data
# /tmp/seg14b/data`, with A = the baseline worktree's bench and build ($A_ROOT, default /work/wt/seg14b-base) and
# B = this worktree's, alternating; each run on a fresh copy of BASE as the data folder's run/segments-10m.duckdb
# (made by ../ab5/mkdb.mjs + ../ab4/prof.mjs with A's build: the bench finds it and ingests nothing). The data folder
# holds a private copy of the 10m Parquet and NDJSON files (the bench's dataset check reads them; nothing is
# generated while its manifest matches). Prints each run's JSON (wall ms per rep from the library's log line) and
# its process CPU (/usr/bin/time).
here=$(dirname "$0"); root=$(cd "$here/../../../.." && pwd)
aroot=${A_ROOT:-/work/wt/seg14b-base}; data=/tmp/seg14b/data
for r in $(seq 1 "$2"); do
  for v in A B; do
    if [ $v = A ]; then d=$aroot; else d=$root; fi
    rm -f $data/run/segments-10m.duckdb.wal; cp "$1" $data/run/segments-10m.duckdb
    echo "# $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) round $r $v $(git -C "$d" rev-parse --short HEAD)"
    /usr/bin/time -f '# %e s wall %U+%S s cpu %M KB' node "$d/bench/segments.js" --size 10m --reps "${3:-3}" --data $data 2>&1 | grep -v '^snapshots:' | tr -d '\n' | sed 's/  */ /g'
    echo
  done
done
rm -f $data/run/segments-10m.duckdb $data/run/segments-10m.duckdb.wal
