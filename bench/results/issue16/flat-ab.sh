#!/bin/sh
# Round 15 flat15: the same rolling nightly (publish-5k-rolling.mjs, one build) on two databases of different history
# lengths, alternating, REPS pairs. Each WORK folder holds its own 5k.duckdb (pad-copy.mjs) and its own templates.
#   QL_ROLL_BYTES=1 sh bench/results/issue16/flat-ab.sh WT WORK_A WORK_B REPS
WT=$1; A=$2; B=$3; REPS=${4:-3}
SCRIPT=$(dirname "$0")/publish-5k-rolling.mjs
for i in $(seq 1 "$REPS"); do
  for work in "$A" "$B"; do
    echo "== $(date -u +%H:%M:%S) $(basename "$WT") $(basename "$work") rep $i load $(cut -d' ' -f1 /proc/loadavg)"
    QL_PUB_WORK=$work /usr/bin/time -f '%e s wall %U+%S s cpu %M KB' node "$SCRIPT" "$WT/dist" 2>&1 |
      grep -v '^  [0-9]* *\(report\|api\):'
  done
done
