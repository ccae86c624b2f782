#!/bin/sh
# publish A/B on one 1M database (round13-lead-publish-ab.sh's form): base and branch alternating, fresh output folder
# each time (removed, then `sync`), wall and process CPU with the load at the start.
#   cd WORK && sh publish-ab.sh BASE_WORKTREE NEW_WORKTREE PAIRS LOG
base=$1; new=$2; pairs=${3:-4}; log=${4:-times.log}
for i in $(seq 1 "$pairs"); do
  for b in base:$base new:$new; do
    n=${b%%:*}; d=${b#*:}
    rm -rf "out-$n"; sync; l=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "$n rep $i: %e s wall %U+%S s cpu %M KB load $l" node "$d/dist/cli.js" --db q.duckdb publish --out "out-$n" > /dev/null 2>> "$log"
  done
done
