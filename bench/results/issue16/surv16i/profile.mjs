// node profile.mjs PKG DB DATE FILE: the statement's JSON profile after the day's inputs (rolled back); prints each
// operator's time (s), rows and name, by time.
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
const out = `${path}.profile.json`;
await db.run(`PRAGMA enable_profiling = 'json'`);
await db.run(`SET profiling_output = '${out}'`);
await db.run(readFileSync(file, 'utf8'));
await db.run('PRAGMA disable_profiling');
await db.run('ROLLBACK');
db.close();
const p = JSON.parse(readFileSync(out, 'utf8'));
const ops = [];
(function walk(n, depth) {
  if (n.operator_type || n.operator_name) ops.push([n.operator_timing ?? 0, n.operator_cardinality ?? 0, n.operator_name ?? n.operator_type, depth]);
  for (const c of n.children ?? []) walk(c, depth + 1);
})(p, 0);
console.log(`latency ${p.latency} cpu_time ${p.cpu_time}`);
for (const [t, r, name, d] of ops.sort((a, b) => b[0] - a[0]).slice(0, 14)) console.log(t.toFixed(3), r, name, d);
