#!/bin/sh
# roll-ab.sh with the bytes written (QL_ROLL_BYTES=1) and optional rollover dates (QL_ROLL_DATES), round 10 month16g.
#   QL_PUB_WORK=... [QL_ROLL_DATES=...] sh bench/results/issue16/roll-ab-month16g.sh WT_A WT_B REPS
A=$1; B=$2; REPS=${3:-3}
SCRIPT=$(dirname "$0")/publish-5k-rolling.mjs
export QL_ROLL_BYTES=1
for i in $(seq 1 "$REPS"); do
  for wt in "$A" "$B"; do
    echo "== $(date -u +%H:%M:%S) $(basename "$wt") rep $i load $(cut -d' ' -f1 /proc/loadavg)"
    /usr/bin/time -f '%e s wall %U+%S s cpu %M KB' node "$SCRIPT" "$wt/dist" 2>&1 | grep -v '^  [0-9]* *\(report\|api\):'
  done
done
