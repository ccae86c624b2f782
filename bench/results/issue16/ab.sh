#!/bin/bash
# Runs nightly-ab.mjs once per argument, one after the other: each argument is "DIST QUESTS DAYS TAG".
#   bench/results/issue16/ab.sh "/work/main/dist 5000 365 main" "$PWD/dist 5000 365 wt"
cd "$(dirname "$0")/../../.."
for spec in "$@"; do
  set -- $spec
  dist=$1; q=$2; d=$3; tag=$4
  echo "=== $tag $q x $d start $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
  QL_PUB_WORK=${QL_PUB_WORK:-/tmp/pubnight-pub} node bench/results/issue16/nightly-ab.mjs $dist $q $d --bytes 2>&1 | grep -v "report:\|api:"
  echo "=== end $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
done
