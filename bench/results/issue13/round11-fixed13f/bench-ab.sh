#!/bin/sh
# The 1M bench (questlog, floor, limit; NDJSON and Parquet; one rep), base and branch alternating: sh bench-ab.sh BASE NEW DATA OUT ORDER...
# ORDER: a list of b / n (e.g. b n n b). Each run's report goes to OUT/<i>-<b|n>/latest.md.
BASE=$1; NEW=$2; DATA=$3; OUT=$4; shift 4
mkdir -p $OUT
i=0
for w in "$@"; do
  i=$((i + 1))
  if [ "$w" = b ]; then D=$BASE; else D=$NEW; fi
  echo "run $i $w $(git -C $D rev-parse --short HEAD) start $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  (cd $D && /usr/bin/time -f '%e s wall %U+%S s cpu %M KB' node bench/run.js --sizes 1m --reps 1 --no-incremental \
    --formats ndjson,parquet --contenders questlog,floor,limit --data $DATA --out $OUT/$i-$w 2>$OUT/$i-$w.err)
  tail -1 $OUT/$i-$w.err
  echo "run $i end $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  grep -E '^\| questlog|^\| floor|^\| limit|without-publish' $OUT/$i-$w/latest.md
done
