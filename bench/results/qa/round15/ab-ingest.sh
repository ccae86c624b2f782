#!/bin/sh
# A/B ingest of one input folder, base and branch alternating: ab-ingest.sh INPUT REPS (databases in /work/qa15/db).
IN=$1; REPS=${2:-3}
mkdir -p /work/qa15/db
for i in $(seq 1 "$REPS"); do
  for wt in qa15-base qa15; do
    rm -f /work/qa15/db/x.duckdb /work/qa15/db/x.duckdb.wal
    load=$(cut -d' ' -f1 /proc/loadavg)
    t=$( { /usr/bin/time -f '%e s wall %U+%S s cpu %M KB' node /work/wt/$wt/dist/cli.js ingest "$IN" --db /work/qa15/db/x.duckdb >/dev/null; } 2>&1 | tail -1)
    echo "$wt rep$i load $load: $t"
  done
done
rm -f /work/qa15/db/x.duckdb /work/qa15/db/x.duckdb.wal
