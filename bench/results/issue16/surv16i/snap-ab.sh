#!/bin/bash
# snap-ab.sh DAYDB DATE PAIRS OUTDIR: the nightly's snapshot phase (snap.mjs: state refresh, figures, segments,
# survival, chains) on a fresh copy of DAYDB (the day's events ingested, state not refreshed), base and this branch
# alternating, order flipped every pair; then the date's survival and survival_curve rows of the last copies compared.
day=$1; date=$2; pairs=$3; out=$4
for i in $(seq 1 "$pairs"); do
  if [ $((i % 2)) = 1 ]; then order="surv16i-base surv16i"; else order="surv16i surv16i-base"; fi
  for p in $order; do
    cp "$day" "$out/snap-$p.duckdb"; sync
    echo "== $p load $(cut -d' ' -f1 /proc/loadavg) $(date -u +%T)"
    /usr/bin/time -f "  $p %e s wall %U+%S s cpu %M KB" env TZ=UTC node bench/results/issue16/surv16i/snap.mjs /work/wt/$p "$out/snap-$p.duckdb" "$date" 2>&1
  done
done
node --input-type=module -e "
const { DuckDBInstance } = await import('@duckdb/node-api');
const c = await (await DuckDBInstance.create(':memory:')).connect();
await c.run(\"ATTACH '$out/snap-surv16i-base.duckdb' AS a (READ_ONLY)\");
await c.run(\"ATTACH '$out/snap-surv16i.duckdb' AS b (READ_ONLY)\");
for (const t of ['survival', 'survival_curve', 'snapshots', 'segment_snapshots', 'chain_steps']) {
  const r = await c.runAndReadAll(\`SELECT (SELECT count(*) FROM (FROM a.\${t} EXCEPT ALL FROM b.\${t}))::INTEGER ab,
    (SELECT count(*) FROM (FROM b.\${t} EXCEPT ALL FROM a.\${t}))::INTEGER ba, (SELECT count(*) FROM a.\${t})::INTEGER n\`);
  console.log(t, JSON.stringify(r.getRowObjectsJson()[0]));
}
c.closeSync();"
