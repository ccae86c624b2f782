#!/bin/sh
# publish A/B on one 1M database: base and new builds alternating, page cache flushed before each
for i in 1 2 3 4; do
  for b in base13:/work/wt/base13 main:/work/main; do
    n=${b%%:*}; d=${b#*:}
    sync; l=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "$n rep $i: %e s wall %U+%S s cpu %M KB load $l" node $d/dist/cli.js publish --db q.duckdb --out out-$n > /dev/null 2>> times.log
  done
done
