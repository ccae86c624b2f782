// snap16e ad hoc query runner (paths: /work/snap16e copies, this worktree's dist): node q.mjs DB DATE "SQL" ... (after the snapshot inputs for DATE)
const [path, date, ...sqls] = process.argv.slice(2);
const { Db, sqlFile } = await import('/work/wt/snap16e/dist/engine/db.js');
const db = await Db.open(path, { threads: 2, memoryLimit: '5GB', tempDirectory: '/work/snap16e/tmp' });
await db.run(sqlFile('snapshot/inputs'));
await db.run(sqlFile('snapshot/days'), { tz: 'UTC', from: date, to: date });
await db.run(sqlFile('snapshot/batch_days'), { first: date, last: date });
await db.run(sqlFile('snapshot/day_end_pairs'));
for (const sql of sqls) { const t0 = performance.now(); const c0 = process.cpuUsage(); const r = await db.all(sql); const c = process.cpuUsage(c0);
  console.log(JSON.stringify(r, (k, v) => typeof v === 'bigint' ? Number(v) : v)); console.log(`  ${(performance.now()-t0).toFixed(0)} ms wall ${((c.user+c.system)/1000).toFixed(0)} ms cpu`); }
db.close();
