// node ab.mjs DB DATE REPS fileA fileB ... : each rep runs every variant in turn (alternating), times it (process CPU)
// and compares its survival_times_v with the first variant's (EXCEPT ALL both ways).
import { readFileSync } from 'node:fs';
const [path, date, reps, ...files] = process.argv.slice(2);
const { Db, sqlFile } = await import('/work/wt/snap16e/dist/engine/db.js');
const db = await Db.open(path, { threads: 2, memoryLimit: '5GB', tempDirectory: '/work/snap16e/tmp' });
await db.run(sqlFile('snapshot/inputs'));
await db.run(sqlFile('snapshot/days'), { tz: 'UTC', from: date, to: date });
await db.run(sqlFile('snapshot/batch_days'), { first: date, last: date });
await db.run(sqlFile('snapshot/day_end_pairs'));
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
for (let r = 0; r < Number(reps); r++) {
  const order = r % 2 === 0 ? files : [...files].reverse();
  for (const f of order) {
    const sql = readFileSync(f, 'utf8');
    const l0 = load(); const c0 = process.cpuUsage(); const t0 = performance.now();
    await db.run(sql);
    const c = process.cpuUsage(c0);
    let diff = '';
    if (!process.env.NOCMP && (f !== files[0] || r > 0)) {
      if (f === files[0]) await db.run('ALTER TABLE survival_times_v RENAME TO survival_times_x');
      const ref = f === files[0] ? 'survival_times_ref' : 'survival_times_ref';
      const [x] = await db.all(`SELECT (SELECT count(*) FROM (SELECT * FROM ${f === files[0] ? 'survival_times_x' : 'survival_times_v'} EXCEPT ALL SELECT * FROM ${ref}))::INTEGER a, (SELECT count(*) FROM (SELECT * FROM ${ref} EXCEPT ALL SELECT * FROM ${f === files[0] ? 'survival_times_x' : 'survival_times_v'}))::INTEGER b`);
      diff = `diff ${x.a}/${x.b}`;
      await db.run('DROP TABLE IF EXISTS survival_times_x');
    } else if (!process.env.NOCMP) await db.run("ALTER TABLE survival_times_v RENAME TO survival_times_ref");
    console.log(`rep ${r} ${f.split('/').pop()}: ${(performance.now() - t0).toFixed(0)} ms wall ${((c.user + c.system) / 1000).toFixed(0)} ms cpu load ${l0} ${diff}`);
  }
}
db.close();
