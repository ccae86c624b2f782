#!/bin/sh
# usage: ab.sh SIZE ROUNDS: A = main's build (/work/main/dist) and B = this branch's, alternating, each on a fresh copy
# of the same database (B's migrated beforehand), prof.mjs with REPS=3 (the first repetition reads the columns from
# disk, the others find them in DuckDB's buffers, as the bench's later repetitions do).
here=$(dirname "$0"); root=$(cd "$here/../../../.." && pwd)
for r in $(seq 1 "$2"); do
  for v in A B; do
    if [ $v = A ]; then d=/work/main/dist; src=/tmp/segagg-$1.duckdb; else d=$root/dist; src=/tmp/segagg-$1-b.duckdb; fi
    cp "$src" /tmp/segagg-ab.duckdb
    echo "# $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg) $1 round $r $v"
    REPS=3 node "$here/prof.mjs" "$d" /tmp/segagg-ab.duckdb
  done
done
rm -f /tmp/segagg-ab.duckdb /tmp/segagg-ab.duckdb.wal
