#!/bin/bash
# A/B: base and branch builds alternating on the 1M CSV (fresh database each run).
for rep in 1 2; do
  for b in base branch; do
    dir=/work/wt/qa13; [ $b = base ] && dir=/work/wt/qa13-base
    rm -f /work/qa13/ab/x.duckdb*
    l=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "$b rep$rep load=$l %e s wall %U+%S s cpu %M KB" node $dir/dist/cli.js ingest /work/qa13/ab/csv --db /work/qa13/ab/x.duckdb 2>&1 | grep -E "wall|total"
  done
done
