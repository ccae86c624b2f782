// usage: node prof.mjs DIST DB [asOf] [--explain]
import { pathToFileURL } from 'node:url';
import { loadavg } from 'node:os';
const [dist, dbPath, asOf, mode] = process.argv.slice(2);
const lib = (n) => import(pathToFileURL(`${dist}/${n}.js`).href);
const { Db } = await lib('engine/db');
const { migrate } = await lib('engine/migrate');
const { computeSnapshots } = await lib('engine/snapshot');
const db = await Db.open(dbPath, { threads: 2, memoryLimit: '4GB' });
await migrate(db);
const orig = Db.prototype.run;
const acc = {};
let seg = false;
Db.prototype.run = async function (sql, params) {
  const key = sql.includes('segment_players AS') ? 'seg_players' : sql.includes('INSERT INTO segment_snapshots') ? 'seg_snapshots' : sql.includes('FROM snapshot_days') && sql.startsWith('SELECT count(*)') ? 'seg_days' : sql.includes('DROP TABLE IF EXISTS temp.segment_players') ? 'seg_drop' : sql.includes('snapshot_figures AS') ? 'figures' : null;
  if (key && mode === '--explain' && key.startsWith(process.env.WHICH ?? 'seg_snap')) {
    const rows = await this.all('EXPLAIN (ANALYZE, FORMAT json) ' + sql, params);
    const j = JSON.parse(rows[0].explain_value);
    const walk = (n, d) => { const name = n.operator_name ?? n.operator_type ?? n.name; const ex = n.extra_info ?? {}; const info = JSON.stringify(ex).slice(0, 110);
      console.log(`${' '.repeat(d)}${name} ${(n.operator_timing ?? 0).toFixed(3)}s rows=${n.operator_cardinality ?? ''} ${info}`); for (const c of n.children ?? []) walk(c, d + 1); };
    walk(Array.isArray(j) ? j[0] : j, 0);
  }
  const c0 = process.cpuUsage(); const t0 = performance.now();
  const r = await orig.call(this, sql, params);
  const c = process.cpuUsage(c0);
  if (key) { acc[key] = (acc[key] ?? 0) + (c.user + c.system) / 1000; acc[key + '_wall'] = (acc[key+'_wall'] ?? 0) + performance.now() - t0; }
  return r;
};
const lines = [];
const c0 = process.cpuUsage();
await computeSnapshots(db, { asOf: asOf || '2026-12-23', force: true, extras: false }, { log: (l) => lines.push(l) });
const c = process.cpuUsage(c0);
console.log(JSON.stringify({ dist, load: loadavg()[0].toFixed(1), totalCpu: Math.round((c.user + c.system) / 1000), segCpu: Math.round((acc.seg_players ?? 0) + (acc.seg_snapshots ?? 0) + (acc.seg_days ?? 0) + (acc.seg_drop ?? 0)), ...Object.fromEntries(Object.entries(acc).map(([k, v]) => [k, Math.round(v)])), line: lines.find((l) => l.startsWith('snapshots:')) }));
db.close();
