#!/bin/sh
# The 1M bench (questlog only, NDJSON and Parquet, no incremental), builds alternating: bench-ab.sh BASE BRANCH DATA PAIRS OUT
# Each run's report goes to OUT/<build>-<i>/; one summary line per run with the load before it and /usr/bin/time's figures.
for i in $(seq 1 "$4"); do
  for pkg in "$1" "$2"; do
    b=$(basename "$pkg")
    l=$(cut -d' ' -f1 /proc/loadavg)
    (cd "$pkg" && /usr/bin/time -f '%e s wall %U+%S s cpu' -o "$5/$b-$i.time" npm run bench --silent -- --sizes 1m --reps 1 \
      --contenders questlog --formats ndjson,parquet --no-incremental --data "$3" --out "$5/$b-$i" > "$5/$b-$i.log" 2>&1)
    echo "$b $i load $l $(cat "$5/$b-$i.time" | tail -1)"
  done
done
