// Round 9 snap16e: the survival statements of one snapshot date timed alone on a copy of a database (process CPU and
// wall per statement), inside a transaction that is rolled back.
//   node bench/results/issue16/snap16e/probe.mjs PKG DB DATE [explain]
import { readFileSync } from 'node:fs';
const [pkg, path, date, mode] = process.argv.slice(2);
const { Db, sqlFile } = await import(`${pkg}/dist/engine/db.js`);
const db = await Db.open(path, { threads: 2, memoryLimit: '5GB', tempDirectory: '/work/snap16e/tmp' });
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
async function time(label, sql, params) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  if (mode === 'explain' && /^\s*(--.*\n)*\s*(INSERT|CREATE)/i.test(sql)) {
    const rows = await db.all(`EXPLAIN ANALYZE ${sql}`, params);
    console.log(rows.map((r) => r.explain_value).join('\n'));
  } else if (mode === 'profile') {
    await db.run(`PRAGMA enable_profiling = 'json'`);
    await db.run(`SET profiling_output = '/work/snap16e/prof-${label}.json'`);
    await db.run(sql, params);
    await db.run('PRAGMA disable_profiling');
  } else await db.run(sql, params);
  const c = process.cpuUsage(c0);
  console.log(`${label}: ${(performance.now() - t0).toFixed(0)} ms wall ${((c.user + c.system) / 1000).toFixed(0)} ms cpu`);
}
await db.run(sqlFile('snapshot/inputs'));
await db.run(sqlFile('snapshot/days'), { tz: 'UTC', from: date, to: date });
await db.run(sqlFile('snapshot/batch_days'), { first: date, last: date });
await db.run(sqlFile('snapshot/day_end_pairs'));
console.log(`load ${load()}`);
await db.run('BEGIN');
await time('delete', 'DELETE FROM survival WHERE snapshot_date IN (SELECT snapshot_date FROM snapshot_days)');
await db.run('DELETE FROM survival_curve WHERE snapshot_date IN (SELECT snapshot_date FROM snapshot_days)');
await time('survival_times', sqlFile('survival/survival_times'));
await time('survival', sqlFile('survival/survival'));
await time('survival_curve', sqlFile('survival/survival_curve'));
await db.run('DELETE FROM chain_steps WHERE snapshot_date IN (SELECT snapshot_date FROM snapshot_days)');
await time('chain_steps', sqlFile('chains/chain_steps'));
console.log(await db.all('SELECT count(*)::INTEGER n, count(DISTINCT quest_id)::INTEGER q, sum(d)::INTEGER d FROM survival_times'));
await db.run('ROLLBACK');
console.log(`load ${load()}`);
db.close();
