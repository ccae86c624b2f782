// node ab2.mjs DB DATE REPS fileA fileB ...: survival_times once, then each variant (writing curve_v) alternating,
// each compared with the first variant's rows (EXCEPT ALL both ways).
import { readFileSync } from 'node:fs';
const [path, date, reps, ...files] = process.argv.slice(2);
const from = process.env.FROM ?? date;
const { Db, sqlFile } = await import('/work/wt/snap16e/dist/engine/db.js');
const db = await Db.open(path, { threads: 2, memoryLimit: '5GB', tempDirectory: '/work/snap16e/tmp' });
await db.run(sqlFile('snapshot/inputs'));
await db.run(sqlFile('snapshot/days'), { tz: 'UTC', from, to: date });
await db.run(sqlFile('snapshot/batch_days'), { first: from, last: date });
await db.run(sqlFile('snapshot/day_end_pairs'));
const target = process.env.TARGET ?? 'survival_curve';
if (target === 'survival_curve') await db.run(sqlFile('survival/survival_times'));
if (process.env.SETUP) await db.run(readFileSync(process.env.SETUP, 'utf8'));
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
await db.run(`CREATE TEMP TABLE ref_v AS SELECT * FROM ${target} LIMIT 0`);
for (let r = 0; r < Number(reps); r++) {
  const order = r % 2 === 0 ? files : [...files].reverse();
  for (const f of order) {
    await db.run(`CREATE OR REPLACE TEMP TABLE curve_v AS SELECT * FROM ${target} LIMIT 0`);
    const sql = readFileSync(f, 'utf8');
    const l0 = load(); const c0 = process.cpuUsage(); const t0 = performance.now();
    await db.run(sql);
    const c = process.cpuUsage(c0);
    let diff = '';
    if (r === 0 && f === files[0]) await db.run('INSERT INTO ref_v SELECT * FROM curve_v');
    else {
      const [x] = await db.all('SELECT (SELECT count(*) FROM (FROM curve_v EXCEPT ALL FROM ref_v))::INTEGER a, (SELECT count(*) FROM (FROM ref_v EXCEPT ALL FROM curve_v))::INTEGER b, (SELECT count(*) FROM ref_v)::INTEGER n');
      diff = `diff ${x.a}/${x.b} of ${x.n}`;
    }
    console.log(`rep ${r} ${f.split('/').pop()}: ${(performance.now() - t0).toFixed(0)} ms wall ${((c.user + c.system) / 1000).toFixed(0)} ms cpu load ${l0} ${diff}`);
  }
}
db.close();
