#!/bin/sh
# Fresh-publish A/B on one 1M database, builds alternating, each publish into a NEW folder (out-NAME-REP) that is not
# deleted until the end: on this ext4 without a journal, creating files right after deleting thousands costs seconds of
# system time (issue 16 NOTES, "The fixed cost of a file"), which deleting the last output before each run would add.
#   cd WORK && sh publish-ab3.sh PAIRS LOG NAME:PKG[:CONFIG] ...   (PKG: a package root with dist/; CONFIG: --config file)
pairs=$1; log=$2; shift 2
for i in $(seq 1 "$pairs"); do
  for b in "$@"; do
    n=$(echo "$b" | cut -d: -f1); d=$(echo "$b" | cut -d: -f2); c=$(echo "$b" | cut -d: -f3)
    sync; l=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "$n rep $i: %e s wall %U+%S s cpu %M KB load $l" node "$d/dist/cli.js" ${c:+--config "$c"} --db q.duckdb publish --out "out-$n-$i" > /dev/null 2>> "$log"
  done
done
