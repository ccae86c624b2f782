// Process CPU per statement of one computeSnapshots call (each statement named by its .sql file).
// usage: [REPS=n] node prof.mjs DIST DB [asOf|--backfill] [tz] [--explain=FILE]; one JSON line per repetition   (DIST: a build's dist folder; its src/sql names the statements)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
const [dist, dbPath, asOf = '2026-12-23', tz = 'UTC', explain] = process.argv.slice(2);
const lib = (n) => import(pathToFileURL(`${dist}/${n}.js`).href);
const { Db } = await lib('engine/db');
const { migrate } = await lib('engine/migrate');
const { computeSnapshots } = await lib('engine/snapshot');
const names = new Map();
const walk = (dir) => { for (const f of readdirSync(dir)) { const p = join(dir, f); if (statSync(p).isDirectory()) walk(p); else if (f.endsWith('.sql')) names.set(readFileSync(p, 'utf8'), p.split('/src/sql/')[1].slice(0, -4)); } };
walk(resolve(dist, '../src/sql'));
const db = await Db.open(dbPath, { threads: 2, memoryLimit: '4GB' });
const m0 = process.cpuUsage();
await migrate(db);
const mig = process.cpuUsage(m0);
const acc = {};
let runs = 0;
const allOrig = Db.prototype.all;
for (const method of ['run', 'all', 'one']) {
  const orig = Db.prototype[method];
  Db.prototype[method] = async function (sql, params) {
    const key = names.get(sql) ?? `inline:${sql.slice(0, 40).replace(/\s+/g, ' ')}`;
    if (explain && key === explain.slice('--explain='.length)) {
      const rows = await allOrig.call(this, `EXPLAIN (ANALYZE, FORMAT json) ${sql}`, params);
      const j = JSON.parse(rows[0].explain_value);
      const w = (n, d) => { console.log(`${' '.repeat(d)}${n.operator_name ?? n.name} ${(n.operator_timing ?? 0).toFixed(3)}s rows=${n.operator_cardinality ?? ''} ${JSON.stringify(n.extra_info ?? {}).slice(0, 120)}`); for (const ch of n.children ?? []) w(ch, d + 1); };
      w(Array.isArray(j) ? j[0] : j, 0);
    }
    const c0 = process.cpuUsage();
    const r = await orig.call(this, sql, params);
    const c = process.cpuUsage(c0);
    acc[key] = (acc[key] ?? 0) + (c.user + c.system) / 1000;
    if (key === 'snapshot/batch_days') runs += 1;
    return r;
  };
}
for (let rep = 0; rep < Number(process.env.REPS ?? 1); rep++) {
for (const k of Object.keys(acc)) delete acc[k];
runs = 0;
const lines = [];
const load = loadavg()[0].toFixed(1);
const c0 = process.cpuUsage();
const opts = { ...(asOf === '--backfill' ? { backfill: true } : { asOf, force: true }), timezone: tz, ...(process.env.ROSTER ? { roster: process.env.ROSTER } : {}) };
await computeSnapshots(db, opts, { log: (l) => lines.push(l) });
const c = process.cpuUsage(c0);
const seg = Object.entries(acc).filter(([k]) => k.startsWith('segments/')).reduce((s, [, v]) => s + v, 0);
const surv = Object.entries(acc).filter(([k]) => k.startsWith('survival/') || k === 'snapshot/day_end_pairs' || k.includes('survival')).reduce((s, [, v]) => s + v, 0);
const chains = Object.entries(acc).filter(([k]) => k.startsWith('chains/') || k.includes('chain_steps')).reduce((s, [, v]) => s + v, 0);
const total = (c.user + c.system) / 1000;
const overall = total - seg - surv - chains;
const top = Object.fromEntries(Object.entries(acc).filter(([, v]) => v >= 15).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v)]));
console.log(JSON.stringify({ runs, rep, dist: dist.split('/').slice(-2, -1)[0], load, migrateCpu: Math.round((mig.user + mig.system) / 1000), totalCpu: Math.round(total), segCpu: Math.round(seg), survivalCpu: Math.round(surv), chainsCpu: Math.round(chains), overallCpu: Math.round(overall), ratio: +(seg / overall).toFixed(2), top, line: lines.find((l) => l.startsWith('snapshots:')) }));
}
db.close();
