#!/bin/sh
# fresh-publish A/B on one 1M database (a copy per build: the merge's schema is 19), each into a new folder
for i in 1 2 3 4; do
  for b in base:/work/wt/base14:q-base.duckdb main:/work/main:q-main.duckdb; do
    n=$(echo $b | cut -d: -f1); d=$(echo $b | cut -d: -f2); db=$(echo $b | cut -d: -f3)
    sync; l=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "$n rep $i: %e s wall %U+%S s cpu %M KB load $l" node $d/dist/cli.js --db $db publish --out out-$n-$i > /dev/null 2>> times.log
  done
done
