#!/bin/bash
# ab.sh SIZE PAIRS: whole NDJSON ingest (+ checkpoint) alternating the branch build (grow) and base, via ../ingest-prof.mjs.
H=$(cd "$(dirname "$0")/.." && pwd)/ingest-prof.mjs
for i in $(seq 1 $2); do
  for v in grow:/work/batch13j/v/grow base:/work/wt/batch13j-base; do
    echo "== ${v%%:*} $1 rep $i $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
    DATA=/work/batch13j/d SIZE=$1 /usr/bin/time -f '%e s wall %U+%S s cpu %M KB' node $H ${v#*:} ndjson 2>&1
    echo "   end load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
