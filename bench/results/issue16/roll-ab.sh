#!/bin/sh
# A/B alternating rolling-date publishes (publish-5k-rolling.mjs) of two worktrees' dist, REPS pairs (round 8 pages16c).
#   sh bench/results/issue16/roll-ab.sh WT_A WT_B REPS
A=$1; B=$2; REPS=${3:-3}
SCRIPT=$(dirname "$0")/publish-5k-rolling.mjs
for i in $(seq 1 "$REPS"); do
  for wt in "$A" "$B"; do
    echo "== $(date -u +%H:%M:%S) $(basename "$wt") rep $i load $(cut -d' ' -f1 /proc/loadavg)"
    /usr/bin/time -f '%e s wall %U+%S s cpu %M KB' node "$SCRIPT" "$wt/dist" 2>&1 | grep -v '^  [0-9]* *\(report\|api\):'
  done
done
