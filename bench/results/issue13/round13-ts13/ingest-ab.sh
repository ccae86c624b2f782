#!/bin/bash
# A/B ingest of one 1M-line CSV: base, new, new, base, a fresh database each run (round 13, ts13). Base and new
# are the dist/cli.js of two worktrees (paths below). Data: made with DuckDB COPY, see NOTES.md.
f=$1
for who in base new new base; do
  if [ $who = base ]; then cli=/work/wt/ts13-base/dist/cli.js; else cli=/work/wt/ts13/dist/cli.js; fi
  rm -rf /work/ts13/db-ab; mkdir -p /work/ts13/db-ab
  l=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -o /work/ts13/db-ab/time -f '%e s wall %U+%S s cpu %M KB' node $cli --db /work/ts13/db-ab/q.duckdb ingest $f >/work/ts13/db-ab/log 2>&1; out=$(cat /work/ts13/db-ab/time)
  echo "$(basename $f) $who load $l: $out | $(grep -o 'ingest total.*' /work/ts13/db-ab/log | grep -o "lines = [0-9]* loaded")"
done
