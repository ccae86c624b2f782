// Process CPU of SQL texts in isolation, warm (each run N times), after the temp views a one-date snapshot reads.
// usage: N=3 node sql.mjs DB 'SQL' ['SQL' ...]
import { resolve } from 'node:path';
const [dbPath, ...qs] = process.argv.slice(2);
const root = resolve(import.meta.dirname, '../../../..');
const { Db, sqlFile } = await import(`${root}/dist/engine/db.js`);
const db = await Db.open(dbPath, { threads: Number(process.env.THREADS ?? 2), memoryLimit: '4GB' });
await db.run(sqlFile('snapshot/inputs'));
await db.run(sqlFile('snapshot/days'), { tz: 'UTC', from: '2026-12-23', to: '2026-12-23' });
await db.run(sqlFile('snapshot/batch_days'), { first: '2026-12-23', last: '2026-12-23' });
for (const [k, q] of qs.entries()) {
  const cpu = [];
  for (let i = 0; i < Number(process.env.N ?? 3); i++) {
    const c0 = process.cpuUsage();
    await db.all(q);
    const c = process.cpuUsage(c0);
    cpu.push(Math.round((c.user + c.system) / 1000));
  }
  console.log(k, cpu.join(' '));
}
db.close();
