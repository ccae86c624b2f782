#!/bin/sh
# questlog's ingest (ingest-prof.mjs) and the direct contender's (direct-prof.mjs) alternating, each followed by a
# timed CHECKPOINT (ck: wall/CPU ms): how much storage work each leaves past its ingest phase.
# Usage: sh ck-ab.sh <package root> <format> <pairs>
cd "$(dirname "$0")/../../../.."
for i in $(seq "$3"); do
  echo "load $(cut -d' ' -f1 /proc/loadavg) questlog $(node bench/results/issue13/ingest-prof.mjs "$1" "$2" | tail -1)"
  echo "load $(cut -d' ' -f1 /proc/loadavg) direct $(node bench/results/issue13/round10-ingest13c/direct-prof.mjs "$1" "$2" | tail -1)"
done
