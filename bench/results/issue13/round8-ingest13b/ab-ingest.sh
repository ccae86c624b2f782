#!/bin/sh
# A/B of ingest alone, builds alternating: ab-ingest.sh <pairs> <format> <root A> <root B> (SIZE=10m for 10M).
# One line per run: build, load before, ingest-prof's JSON (wall, CPU ms), /usr/bin/time's wall, CPU and peak RSS.
pairs=$1; format=$2; shift 2
for i in $(seq "$pairs"); do
  for root in "$@"; do
    l=$(cut -d' ' -f1 /proc/loadavg)
    out=$(/usr/bin/time -f '%e s %U+%S s %M KB' node "$(dirname "$0")/../ingest-prof.mjs" "$root" "$format" 2>&1 | tr '\n' ' ')
    echo "$(basename "$root") load $l $out"
  done
done
