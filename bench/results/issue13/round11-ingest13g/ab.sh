#!/bin/bash
# A/B pairs of the bench: base then new, alternating.
for i in 4; do
  for b in base new; do
    echo "== $b $i start $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
    cd /work/wt/ingest13g-$b && /usr/bin/time -f '%e s wall %U+%S s cpu %M KB' npm run bench -- --sizes 1m --reps 1 --no-incremental --formats ndjson --contenders questlog,direct --data /work/ingest13g --out /work/ingest13g/out-$b$i > /work/ingest13g/bench-$b$i.log 2>&1
    echo "rc $? end $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"; tail -1 /work/ingest13g/bench-$b$i.log
  done
done
