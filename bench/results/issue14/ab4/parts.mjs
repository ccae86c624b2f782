// Process CPU of parts of segments/snapshot_day.sql in isolation, warm (each run N times), on a copy of a database.
// usage: node parts.mjs DB [N]: prepares the temp views a one-date snapshot reads, then times each part's count(*).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
const [dbPath, n = '3'] = process.argv.slice(2);
const root = resolve(import.meta.dirname, '../../../..');
const { Db, sqlFile } = await import(`${root}/dist/engine/db.js`);
const db = await Db.open(dbPath, { threads: Number(process.env.THREADS ?? 2), memoryLimit: '4GB' });
await db.run(sqlFile('snapshot/inputs'));
await db.run(sqlFile('snapshot/days'), { tz: 'UTC', from: '2026-12-23', to: '2026-12-23' });
await db.run(sqlFile('snapshot/batch_days'), { first: '2026-12-23', last: '2026-12-23' });
await db.run(sqlFile('segments/completed_kept'));
await db.run(sqlFile('segments/cohorts'), { tz: 'UTC' });
const text = readFileSync(`${root}/src/sql/segments/snapshot_day.sql`, 'utf8');
const withPart = text.slice(text.indexOf('WITH'), text.lastIndexOf('\nSELECT\n  s.snapshot_date'));
const parts = (process.env.PARTS ?? 'counted,cohorts,closed,completed,states,counts,sums,quantiles,own,own_counts,vals,ALL').split(',');
for (const p of parts) {
  const q = p === 'ALL' ? text.slice(text.indexOf('WITH')).replace(/;\s*$/, '') : `${withPart}\nSELECT count(*) FROM ${p}`;
  const sql = p === 'ALL' ? `SELECT count(*) FROM (${q})` : q;
  const cpu = [];
  for (let i = 0; i < Number(n); i++) {
    const c0 = process.cpuUsage();
    await db.all(sql).catch((e) => { console.log(p, e.message.slice(0, 200)); });
    const c = process.cpuUsage(c0);
    cpu.push(Math.round((c.user + c.system) / 1000));
  }
  console.log(p, cpu.join(' '));
}
db.close();
