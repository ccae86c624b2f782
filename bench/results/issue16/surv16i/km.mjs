// Feasibility probe (not landed): Kaplan–Meier per quest in JavaScript from the day's observations, read as one list of
// completion times and one of censoring times per quest (GROUP BY, no window), sorted with typed arrays. Times the
// read and the computation (process CPU), then compares every step's S and the medians with survival_times (SQL).
//   node km.mjs PKG DB DATE
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
const reader = await db.connection.runAndReadAll(`
  WITH o AS (
    SELECT quest_id,
      CASE WHEN bucket = 'completed'::quest_status THEN completion_seconds
           WHEN bucket = 'accepted'::quest_status THEN epoch(day_end) - accepted_epoch
           ELSE epoch(valid_from) - accepted_epoch END AS t,
      bucket = 'completed'::quest_status AS completed
    FROM day_end_pairs WHERE accepted_epoch IS NOT NULL AND bucket <> 'declined'::quest_status)
  SELECT quest_id, list(t) FILTER (completed) AS done, list(t) FILTER (NOT completed) AS cens FROM o GROUP BY quest_id`);
const cols = reader.getColumns();
const readMs = performance.now() - t0; const readCpu = cpu() - c0;
c0 = cpu(); t0 = performance.now();
const out = new Map();
let steps = 0;
for (let q = 0; q < cols[0].length; q++) {
  const done = Float64Array.from(cols[1][q]?.items ?? []).sort();
  const cens = Float64Array.from(cols[2][q]?.items ?? []).sort();
  const N = done.length + cens.length;
  let i = 0, j = 0, logsum = 0, gw = 0, zero = false;
  const pts = [];
  while (i < done.length) {
    const t = done[i];
    while (j < cens.length && cens[j] < t) j++;
    const n = N - i - j;
    let d = 0;
    while (i < done.length && done[i] === t) { i++; d++; }
    if (d < n) { logsum += Math.log(1 - d / n); gw += d / (n * (n - d)); } else zero = true;
    const s = zero ? 0 : Math.exp(logsum);
    pts.push(t, s, d, n);
    steps++;
  }
  out.set(cols[0][q], pts);
}
const kmMs = performance.now() - t0; const kmCpu = cpu() - c0;
console.log(`read ${readMs.toFixed(0)} ms wall ${readCpu.toFixed(0)} ms cpu; km ${kmMs.toFixed(0)} ms wall ${kmCpu.toFixed(0)} ms cpu; ${steps} steps, ${out.size} quests, load ${load()}`);
if (process.env.COMPARE) {
  await db.run(sqlFile('survival/survival_times'));
  const rows = await db.all('SELECT quest_id, t, d::INTEGER d, n::INTEGER n, s FROM survival_times WHERE d > 0 ORDER BY quest_id, t');
  let k = 0, q = '', maxRel = 0, dn = 0, equal = 0;
  for (const r of rows) {
    if (r.quest_id !== q) { q = r.quest_id; k = 0; }
    const p = out.get(q);
    if (p[k] !== r.t || p[k + 2] !== r.d || p[k + 3] !== r.n) dn++;
    const rel = r.s === 0 ? Math.abs(p[k + 1]) : Math.abs(p[k + 1] - r.s) / r.s;
    if (p[k + 1] === r.s) equal++;
    maxRel = Math.max(maxRel, rel);
    k += 4;
  }
  console.log(`${rows.length} SQL steps; (t, d, n) different: ${dn}; S bit-equal ${equal}; max relative S difference ${maxRel}`);
}
db.close();
