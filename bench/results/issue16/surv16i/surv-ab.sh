#!/bin/bash
# surv-ab.sh DB DATE PAIRS OUTDIR: storeSurvival alone (surv.mjs), base and this branch alternating, order flipped
# every pair; each run writes the date's survival rows for cmp.mjs.
db=$1; date=$2; pairs=$3; out=$4
for i in $(seq 1 "$pairs"); do
  if [ $((i % 2)) = 1 ]; then order="surv16i-base surv16i"; else order="surv16i surv16i-base"; fi
  for p in $order; do
    /usr/bin/time -f "  $p %e s wall %U+%S s cpu %M KB" node bench/results/issue16/surv16i/surv.mjs /work/wt/$p "$db" "$date" "$out/$p" 2>&1
  done
done
node bench/results/issue16/surv16i/cmp.mjs "$out/surv16i-base" "$out/surv16i"
