#!/bin/sh
# Round 15 flat15: the rolling nightly (publish-5k-rolling.mjs) of two builds on two databases of different history
# length (pad-copy.mjs), alternating build and database in each rep: A on WORK_1, B on WORK_1, A on WORK_2, B on
# WORK_2. A build's template can be a copy of the other's (roll-TAG-template: the sites are byte-identical).
#   QL_ROLL_BYTES=1 sh bench/results/issue16/flat-ab4.sh WT_A WT_B WORK_1 WORK_2 REPS
A=$1; B=$2; W1=$3; W2=$4; REPS=${5:-2}
SCRIPT=$(dirname "$0")/publish-5k-rolling.mjs
for i in $(seq 1 "$REPS"); do
  for work in "$W1" "$W2"; do
    for wt in "$A" "$B"; do
      echo "== $(date -u +%H:%M:%S) $(basename "$wt") $(basename "$work") rep $i load $(cut -d' ' -f1 /proc/loadavg)"
      QL_PUB_WORK=$work /usr/bin/time -f '%e s wall %U+%S s cpu %M KB' node "$SCRIPT" "$wt/dist" 2>&1 |
        grep -v '^  [0-9]* *\(report\|api\):'
    done
  done
done
