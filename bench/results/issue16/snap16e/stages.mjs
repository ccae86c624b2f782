// node stages.mjs DB DATE REPS: survival_times split in its two windows at one date (process CPU each).
import { readFileSync } from 'node:fs';
const [path, date, reps] = process.argv.slice(2);
const { Db, sqlFile } = await import('/work/wt/snap16e/dist/engine/db.js');
const db = await Db.open(path, { threads: 2, memoryLimit: '5GB', tempDirectory: '/work/snap16e/tmp' });
await db.run(sqlFile('snapshot/inputs'));
await db.run(sqlFile('snapshot/days'), { tz: 'UTC', from: date, to: date });
await db.run(sqlFile('snapshot/batch_days'), { first: date, last: date });
await db.run(sqlFile('snapshot/day_end_pairs'));
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
async function t(label, sql) {
  const c0 = process.cpuUsage(); const t0 = performance.now(); await db.run(sql); const c = process.cpuUsage(c0);
  return `${label} ${((c.user + c.system) / 1000).toFixed(0)}`;
}
for (let r = 0; r < Number(reps); r++) {
  const l = load();
  const a = await t('full', sqlFile('survival/survival_times'));
  const b = await t('scan', readFileSync('w_scan.sql', 'utf8'));
  const c = await t('window1+risk', readFileSync('st_risk.sql', 'utf8'));
  await db.run('CREATE OR REPLACE TEMP TABLE risk_t AS FROM survival_times_v');
  const d = await t('window2+rest', readFileSync('st_curve.sql', 'utf8'));
  const [x] = await db.all('SELECT (SELECT count(*) FROM (FROM survival_times_v EXCEPT ALL FROM survival_times))::INTEGER a, (SELECT count(*) FROM (FROM survival_times EXCEPT ALL FROM survival_times_v))::INTEGER b');
  console.log(`rep ${r} load ${l}: ${a} | ${b} | ${c} | ${d} ms cpu (split vs full: ${x.a}/${x.b} rows differ)`);
}
db.close();
