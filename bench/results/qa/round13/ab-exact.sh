#!/bin/bash
# A/B on the exact path: one 1M-bench CSV file with a blank line and a bad line appended (not clean: exact path).
for rep in 1 2; do
  for b in base branch; do
    dir=/work/wt/qa13; [ $b = base ] && dir=/work/wt/qa13-base
    rm -f /work/qa13/ab/y.duckdb*
    l=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "$b rep$rep load=$l %e s wall %U+%S s cpu %M KB" node $dir/dist/cli.js ingest /work/qa13/ab/exact/e.csv --db /work/qa13/ab/y.duckdb 2>&1 | grep -E "wall|total"
  done
done
