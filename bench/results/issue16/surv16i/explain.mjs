// node explain.mjs PKG DB DATE FILE: EXPLAIN ANALYZE of one statement after the day's inputs (rolled back).
import { readFileSync } from 'node:fs';
const [pkg, path, date, file] = process.argv.slice(2);
const { Db, sqlFile } = await import(`${pkg}/dist/engine/db.js`);
const db = await Db.open(path, { threads: 2, memoryLimit: '5GB', tempDirectory: `${path}.tmp` });
await db.run(sqlFile('snapshot/inputs'));
await db.run(sqlFile('snapshot/days'), { tz: 'UTC', from: date, to: date });
await db.run(sqlFile('snapshot/batch_days'), { first: date, last: date });
await db.run(sqlFile('snapshot/day_end_pairs'));
if (process.env.SETUP) await db.run(readFileSync(process.env.SETUP, 'utf8'));
await db.run('BEGIN');
const rows = await db.all(`EXPLAIN ANALYZE ${readFileSync(file, 'utf8')}`);
console.log(rows.map((r) => r.explain_value).join('\n'));
await db.run('ROLLBACK');
db.close();
