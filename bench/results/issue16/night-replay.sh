#!/bin/bash
# The 100M nightly of bench/run.js (--incremental-only), replayed on its kept history with another build: WORK holds
# history.duckdb (hard-linked from bench/data/run/ before run.js removed it); `prev` (last night's site, published once
# by the first build given) is copied in as the live site and the recycled `.site.old`, the database and its read copy
# are copied afresh, then one timed `questlog` contender child runs the nightly exactly as run.js does.
#   bench/results/issue16/night-replay.sh WORK SPLIT PKG...   (SPLIT: the size's split/ folder; PKG: package roots)
set -euo pipefail
work=$1; split=$2; shift 2
day=$(node -e "console.log(require('$split/manifest.json').day)")
prevday=$(date -u -d "$day -1 day" +%F)
if [ ! -d "$work/prev" ]; then
  node --input-type=module -e "
    const { Db } = await import('$1/dist/engine/db.js');
    const { publish } = await import('$1/dist/publish/publish.js');
    const db = await Db.open('$work/history.duckdb', { threads: 2, memoryLimit: '6GB', tempDirectory: '$work/tmp' });
    await publish(db, { out: '$work/prev', asOf: '$prevday' }, { log() {} });
    db.close();"
fi
for pkg in "$@"; do
  rm -rf "$work/run"; mkdir -p "$work/run/duckdb-tmp"
  cp -a "$work/prev" "$work/run/site"; cp -a "$work/prev" "$work/run/.site.old"
  cp "$work/history.duckdb" "$work/run/nightly.duckdb"
  node --input-type=module -e "
    import { copyFileSync, linkSync } from 'node:fs';
    const { readCopySlots } = await import('$pkg/dist/engine/readcopy.js');
    const [published, spare] = readCopySlots('$work/run/nightly.duckdb.read');
    for (const slot of [published, spare]) copyFileSync('$work/history.duckdb', slot);
    linkSync(published, '$work/run/nightly.duckdb.read');"
  sync
  spec=$(node -e "console.log(JSON.stringify({ pkg: '$pkg', fresh: false, db: '$work/run/nightly.duckdb',
    inputs: require('$split/manifest.json').lastday, out: '$work/run/nightly.json', asOf: '$day', backfill: false,
    site: '$work/run/site', settings: { threads: 2, memory_limit: '6GB', temp_directory: '$work/run/duckdb-tmp' } }))")
  echo "== $pkg $(git -C "$pkg" rev-parse --short HEAD) load $(cut -d' ' -f1 /proc/loadavg) $(date -u +%T)"
  /usr/bin/time -f '%e s wall %U+%S s cpu %M KB' env BENCH_VERBOSE=1 TZ=UTC node "$pkg/bench/contenders/questlog.js" "$spec"
  echo "load $(cut -d' ' -f1 /proc/loadavg) $(date -u +%T)"
done
rm -rf "$work/run"
