// Each of loadSiteData's reads timed alone against publish-5k.mjs's database, in publish's order, REPS times
// (round 11, main16l: which of the publish's serial reads are worth overlapping or sharing).
//   QL_PUB_WORK=... node bench/results/issue16/read-times.mjs DIST [REPS]
import { join, resolve } from 'node:path';
const dist = resolve(process.argv[2]);
const reps = Number(process.argv[3] ?? 2);
const work = process.env.QL_PUB_WORK ?? '/tmp/ql-pub-5k';
const { Db } = await import(`${dist}/engine/db.js`);
const r = await import(`${dist}/engine/read.js`);
const s = await import(`${dist}/engine/survival.js`);
const { getChains } = await import(`${dist}/engine/chains.js`);
const { loadChanges } = await import(`${dist}/engine/changes.js`);
const seg = await import(`${dist}/publish/segment-figures.js`);
const segRows = await import(`${dist}/publish/segment-rows.js`);
const db = await Db.open(join(work, '5k.duckdb'), { readOnly: true });
const date = '2026-12-23';
const opts = seg.segmentOptions(undefined);
const reads = {
  snapshot: () => r.getSnapshot(db, date),
  coverage: () => r.getCoverage(db, date),
  historyWindow: () => r.getHistoryWindow(db, date, 31),
  histogram: () => r.getCompletionHistogram(db, date),
  historyMonths: () => r.getHistoryMonths(db, date),
  questMonths: () => r.getQuestMonths(db, date),
  survival: () => s.getSurvival(db, date),
  survivalCurve: () => s.getSurvivalCurve(db, date),
  chains: () => getChains(db, date),
  changes: () => loadChanges(db, { date, history: 14, dimensions: opts.dimensions }),
  segments: () => segRows.loadSegments(db, date, opts),
};
for (let i = 0; i < reps; i++) {
  const out = [];
  let total = 0;
  for (const [name, f] of Object.entries(reads)) {
    const t0 = performance.now();
    const v = await f();
    const ms = performance.now() - t0;
    total += ms;
    const n = Array.isArray(v) ? v.length : Array.isArray(v?.quests) ? v.quests.length : Array.isArray(v?.rows) ? v.rows.length : '';
    out.push(`${name} ${Math.round(ms)}${n === '' ? '' : ` (${n})`}`);
  }
  const load = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  console.log(`rep ${i + 1}: total ${Math.round(total)} ms, load ${load}: ${out.join(', ')}`);
}
db.close();
