// Feasibility probe (not landed), as km.mjs but read flat and columnar: (quest number, t, completed) per observation,
// the quest numbered by a join with the day's quests (no sort), streamed chunk by chunk from the typed arrays under
// @duckdb/node-api's vectors; then per quest: completion and censoring times sorted as Float64Arrays, one pass.
//   node km2.mjs PKG DB DATE
import { readFileSync } from 'node:fs';
const [pkg, path, date] = process.argv.slice(2);
const { Db, sqlFile } = await import(`${pkg}/dist/engine/db.js`);
const db = await Db.open(path, { threads: 2, memoryLimit: '5GB', tempDirectory: `${path}.tmp` });
await db.run(sqlFile('snapshot/inputs'));
await db.run(sqlFile('snapshot/days'), { tz: 'UTC', from: date, to: date });
await db.run(sqlFile('snapshot/batch_days'), { first: date, last: date });
await db.run(sqlFile('snapshot/day_end_pairs'));
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
let c0 = cpu(); let t0 = performance.now();
const quests = (await db.all('SELECT quest_id FROM (SELECT DISTINCT quest_id FROM snapshot_current) ORDER BY quest_id')).map((r) => r.quest_id);
await db.run(`CREATE OR REPLACE TEMP TABLE km_quests AS SELECT quest_id, (row_number() OVER (ORDER BY quest_id) - 1)::INTEGER AS k FROM (SELECT DISTINCT quest_id FROM snapshot_current)`);
const result = await db.connection.run(`
  SELECT q.k,
    CASE WHEN bucket = 'completed'::quest_status THEN completion_seconds
         WHEN bucket = 'accepted'::quest_status THEN epoch(day_end) - accepted_epoch
         ELSE epoch(valid_from) - accepted_epoch END AS t,
    (bucket = 'completed'::quest_status)::INTEGER AS completed
  FROM day_end_pairs p JOIN km_quests q USING (quest_id)
  WHERE accepted_epoch IS NOT NULL AND bucket <> 'declined'::quest_status`);
const Q = quests.length;
const done = Array.from({ length: Q }, () => []);
const cens = Array.from({ length: Q }, () => []);
let rows = 0;
for (;;) {
  const chunk = await result.fetchChunk();
  if (!chunk || chunk.rowCount === 0) break;
  const k = chunk.getColumnVector(0).items;
  const t = chunk.getColumnVector(1).items;
  const c = chunk.getColumnVector(2).items;
  for (let i = 0; i < k.length; i++) (c[i] ? done : cens)[k[i]].push(t[i]);
  rows += k.length;
}
const readMs = performance.now() - t0; const readCpu = cpu() - c0;
c0 = cpu(); t0 = performance.now();
let steps = 0;
const S = [];
for (let q = 0; q < Q; q++) {
  const dn = Float64Array.from(done[q]).sort();
  const cn = Float64Array.from(cens[q]).sort();
  const N = dn.length + cn.length;
  let i = 0, j = 0, logsum = 0, gw = 0, zero = false;
  while (i < dn.length) {
    const tt = dn[i];
    while (j < cn.length && cn[j] < tt) j++;
    const n = N - i - j;
    let d = 0;
    while (i < dn.length && dn[i] === tt) { i++; d++; }
    if (d < n) { logsum += Math.log(1 - d / n); gw += d / (n * (n - d)); } else zero = true;
    S.push(zero ? 0 : Math.exp(logsum));
    steps++;
  }
}
const kmMs = performance.now() - t0; const kmCpu = cpu() - c0;
console.log(`read ${rows} rows ${readMs.toFixed(0)} ms wall ${readCpu.toFixed(0)} ms cpu; km ${kmMs.toFixed(0)} ms wall ${kmCpu.toFixed(0)} ms cpu; ${steps} steps, load ${load()}`);
db.close();
