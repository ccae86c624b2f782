// Each of loadSiteData's reads alone (as read-times.mjs), split into DuckDB's part (runAndReadAll: the query and the
// chunks' fetch, awaited) and the main thread's conversion of the rows (the rest of Db.all: rowObjectsJson), with the
// process CPU of each read (round 12, pub16m: is a read's time the query or the rows?).
//   QL_PUB_WORK=... node bench/results/issue16/read-split.mjs DIST [REPS]
import { readFileSync } from 'node:fs';
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
const conn = db.connection;
let queryMs = 0;
let queries = 0;
// Db.all calls runAndReadAll (then converts the rows) before round 12, run (then fetches and converts chunk by chunk)
// after: DuckDB's part is the awaited call (runAndReadAll's includes every chunk's fetch; run's does not).
for (const name of ['runAndReadAll', 'run']) {
  const f = conn[name].bind(conn);
  conn[name] = async (...args) => {
    const t0 = performance.now();
    try {
      return await f(...args);
    } finally {
      queryMs += performance.now() - t0;
      queries++;
    }
  };
}
const date = process.env.QL_READ_DATE ?? '2026-12-23';
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
const only = process.env.QL_READS?.split(',');
for (let i = 0; i < reps; i++) {
  const out = [];
  let total = 0;
  let totalQuery = 0;
  let totalCpu = 0;
  for (const [name, f] of Object.entries(reads)) {
    if (only && !only.includes(name)) continue;
    queryMs = 0;
    queries = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const v = await f();
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / 1000;
    total += ms;
    totalQuery += queryMs;
    totalCpu += cpu;
    const n = Array.isArray(v) ? v.length : Array.isArray(v?.quests) ? v.quests.length : Array.isArray(v?.rows) ? v.rows.length : '';
    out.push(`${name}${n === '' ? '' : ` (${n})`} ${Math.round(ms)} = db ${Math.round(queryMs)} (${queries} q) + js ${Math.round(ms - queryMs)}, cpu ${Math.round(cpu)}`);
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  console.log(`rep ${i + 1}: total ${Math.round(total)} ms (db ${Math.round(totalQuery)}, js ${Math.round(total - totalQuery)}), cpu ${Math.round(totalCpu)} ms, load ${load}`);
  for (const l of out) console.log(`  ${l}`);
}
db.close();
