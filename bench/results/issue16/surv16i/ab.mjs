// node ab.mjs PKG DB DATE REPS SETUP.sql fileA.sql fileB.sql ...: the day's inputs and SETUP (untimed), then each
// variant (each writes temp table st_v) alternating, order flipped every rep; process CPU and wall per statement, and
// the rows compared with the first variant's first run (EXCEPT ALL both ways).
import { readFileSync } from 'node:fs';
const [pkg, path, date, reps, setup, ...files] = process.argv.slice(2);
const { Db, sqlFile } = await import(`${pkg}/dist/engine/db.js`);
const db = await Db.open(path, { threads: 2, memoryLimit: '5GB', tempDirectory: `${path}.tmp` });
await db.run(sqlFile('snapshot/inputs'));
await db.run(sqlFile('snapshot/days'), { tz: 'UTC', from: date, to: date });
await db.run(sqlFile('snapshot/batch_days'), { first: date, last: date });
await db.run(sqlFile('snapshot/day_end_pairs'));
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
{
  const c0 = process.cpuUsage(); const t0 = performance.now();
  await db.run(readFileSync(setup, 'utf8'));
  const c = process.cpuUsage(c0);
  console.log(`setup ${setup.split('/').pop()}: ${(performance.now() - t0).toFixed(0)} ms wall ${((c.user + c.system) / 1000).toFixed(0)} ms cpu`);
}
let ref = false;
for (let r = 0; r < Number(reps); r++) {
  const order = r % 2 === 0 ? files : [...files].reverse();
  for (const f of order) {
    const sql = readFileSync(f, 'utf8');
    const l0 = load(); const c0 = process.cpuUsage(); const t0 = performance.now();
    await db.run(sql);
    const c = process.cpuUsage(c0);
    const wall = performance.now() - t0;
    let diff = '';
    if (!ref) { await db.run('CREATE OR REPLACE TEMP TABLE ref_v AS FROM st_v'); ref = true; }
    else {
      const [x] = await db.all('SELECT (SELECT count(*) FROM (FROM st_v EXCEPT ALL FROM ref_v))::INTEGER a, (SELECT count(*) FROM (FROM ref_v EXCEPT ALL FROM st_v))::INTEGER b, (SELECT count(*) FROM ref_v)::INTEGER n, (SELECT count(*) FROM (SELECT snapshot_date, quest_id, t, d, n FROM st_v EXCEPT ALL SELECT snapshot_date, quest_id, t, d, n FROM ref_v))::INTEGER dn');
      diff = `diff ${x.a}/${x.b} of ${x.n} (t,d,n: ${x.dn})`;
    }
    console.log(`rep ${r} ${f.split('/').pop()}: ${wall.toFixed(0)} ms wall ${((c.user + c.system) / 1000).toFixed(0)} ms cpu load ${l0} ${diff}`);
  }
}
db.close();
