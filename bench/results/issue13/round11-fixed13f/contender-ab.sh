#!/bin/sh
# The bench's questlog contender alone, without a site (so publish ~0), as the harness spawns it; builds alternating:
#   sh contender-ab.sh BASE NEW INPUT_DIR ASOF PAIRS WORK
# Each line: build, load before, process wall / CPU (/usr/bin/time) and the contender's phase report.
BASE=$1; NEW=$2; IN=$3; ASOF=$4; PAIRS=$5; WORK=$6
mkdir -p $WORK
INPUTS=$(ls $IN/* | sed 's/.*/"&"/' | paste -sd, -)
for i in $(seq 1 $PAIRS); do
  for R in $BASE $NEW; do
    SPEC="{\"pkg\":\"$R\",\"fresh\":true,\"db\":\"$WORK/q.duckdb\",\"inputs\":[$INPUTS],\"out\":\"$WORK/out.json\",\"asOf\":\"$ASOF\",\"settings\":{\"threads\":2,\"memory_limit\":\"6GB\",\"temp_directory\":\"$WORK/tmp\"},\"checkpoint\":true}"
    printf '%s load %s ' "$(basename $R)" "$(cut -d' ' -f1 /proc/loadavg)"
    /usr/bin/time -f '%e s wall %U+%S s cpu' -o $WORK/time.txt node $R/bench/contenders/questlog.js "$SPEC" | tail -1 | tr -d '\n'
    echo " $(cat $WORK/time.txt)"
  done
done
