// The survival step of DATE alone with PKG's build (storeSurvival: DELETE the date's rows, then the statements), in a
// rolled-back transaction on DB after the day's inputs; prints its wall and process CPU, and writes the date's stored
// survival and survival_curve rows to OUT.survival.parquet / OUT.curve.parquet for cmp.mjs.
//   node surv.mjs PKG DB DATE OUT
import { readFileSync } from 'node:fs';
const [pkg, path, date, out] = process.argv.slice(2);
const { Db, sqlFile } = await import(`${pkg}/dist/engine/db.js`);
const { storeSurvival } = await import(`${pkg}/dist/engine/survival.js`);
const db = await Db.open(path, { threads: 2, memoryLimit: '5GB', tempDirectory: `${path}.tmp` });
await db.run(sqlFile('snapshot/inputs'));
await db.run(sqlFile('snapshot/days'), { tz: 'UTC', from: date, to: date });
await db.run(sqlFile('snapshot/batch_days'), { first: date, last: date });
await db.run(sqlFile('snapshot/day_end_pairs'));
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
await db.run('BEGIN');
const l0 = load(); const c0 = process.cpuUsage(); const t0 = performance.now();
await storeSurvival(db);
const c = process.cpuUsage(c0);
console.log(`survival ${pkg}: ${(performance.now() - t0).toFixed(0)} ms wall ${((c.user + c.system) / 1000).toFixed(0)} ms cpu load ${l0} -> ${load()}`);
if (out) {
  await db.run(`COPY (FROM survival WHERE snapshot_date = DATE '${date}' ORDER BY ALL) TO '${out}.survival.parquet'`);
  await db.run(`COPY (FROM survival_curve WHERE snapshot_date = DATE '${date}' ORDER BY ALL) TO '${out}.curve.parquet'`);
}
await db.run('ROLLBACK');
db.close();
