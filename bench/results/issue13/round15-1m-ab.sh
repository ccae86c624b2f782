#!/bin/bash
# 1M bench, round start (base15) against the merge (main), alternating after, before, before, after
one() { # name wt
  echo "== $1 $(git -C $2 rev-parse --short HEAD) load $(cut -d' ' -f1 /proc/loadavg) $(date -u +%T)"
  (cd $2 && node bench/run.js --sizes 1m --reps 1 --no-incremental --data /work/b1m/$3 --out /work/b1m/out-$1-$4) 2>&1 | tail -3
}
one after /work/main a 1
one before /work/wt/base15 b 1
one before /work/wt/base15 b 2
one after /work/main a 2
echo all done
