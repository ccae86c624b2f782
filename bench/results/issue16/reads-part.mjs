// Each read of a publish in isolation (what loadSiteData and the month files ask), on nightly-ab.mjs's database:
//   node bench/results/issue16/reads-part.mjs DIST QUESTS DAYS [ROUNDS]
// or on any database (a copy: it is opened read-only all the same) at one of its snapshot dates:
//   QL_READS_DB=FILE QL_READS_DATE=YYYY-MM-DD node bench/results/issue16/reads-part.mjs DIST - - [ROUNDS]
// Prints per read the median of ROUNDS (default 3) wall and process CPU ms (DuckDB's threads included).
const [dist, qs, ds, rs] = process.argv.slice(2);
const { Db } = await import(`${dist}/engine/db.js`);
const r = await import(`${dist}/engine/read.js`);
const { getSurvival, getSurvivalCurve } = await import(`${dist}/engine/survival.js`);
const { getChains } = await import(`${dist}/engine/chains.js`);
const { loadChanges } = await import(`${dist}/engine/changes.js`);
const { loadSegments, segmentOptions } = await import(`${dist}/publish/segments.js`);
const days = Number(ds);
const file = process.env.QL_READS_DB ?? `${process.env.QL_PUB_WORK ?? '/tmp/ql-pub-ab'}/q${qs}-d${ds}.duckdb`;
const db = await Db.open(file, { readOnly: true, ...(process.env.QL_READS_THREADS ? { threads: Number(process.env.QL_READS_THREADS) } : {}) });
const date = process.env.QL_READS_DATE ?? new Date(Date.UTC(2026, 0, 1) + (days - 1) * 86_400_000).toISOString().slice(0, 10);
const seg = segmentOptions(undefined);
const reads = {
  snapshot: () => r.getSnapshot(db, date),
  coverage: () => r.getCoverage(db, date),
  window: () => r.getHistoryWindow(db, date, 31),
  histogram: () => r.getCompletionHistogram(db, date),
  months: () => r.getHistoryMonths(db, date),
  questMonths: () => r.getQuestMonths(db, date),
  currentMonth: () => r.getHistoryMonth(db, date.slice(0, 7), date),
  survival: () => getSurvival(db, date),
  curve: () => getSurvivalCurve(db, date),
  chains: () => getChains(db, date),
  changes: () => loadChanges(db, { date, history: 14, dimensions: seg.dimensions }),
  segments: () => loadSegments(db, date, seg),
};
const rounds = Number(rs ?? 3);
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
let tw = 0, tc = 0;
for (const [name, read] of Object.entries(reads)) {
  const w = [], c = [];
  let n = 0;
  for (let i = 0; i < rounds; i++) {
    const c0 = process.cpuUsage(); const t0 = performance.now();
    const out = await read();
    w.push(performance.now() - t0); const cu = process.cpuUsage(c0); c.push((cu.user + cu.system) / 1000);
    n = Array.isArray(out) ? out.length : (out?.quests?.length ?? out?.rows?.length ?? 0);
  }
  tw += med(w); tc += med(c);
  console.log(`${name.padEnd(13)} ${String(Math.round(med(w))).padStart(6)} ms wall ${String(Math.round(med(c))).padStart(6)} ms cpu  ${n} rows`);
}
console.log(`${'sum'.padEnd(13)} ${String(Math.round(tw)).padStart(6)} ms wall ${String(Math.round(tc)).padStart(6)} ms cpu`);
db.close();
