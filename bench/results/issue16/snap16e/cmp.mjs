// node cmp.mjs SRC MODE: computes snapshots on a copy of SRC with the base build and with this branch's, then compares
// survival, survival_curve and chain_steps (EXCEPT ALL both ways). MODE: nightly DATE | past DATE | backfill.
import { copyFileSync, rmSync } from 'node:fs';
const [src, mode, date] = process.argv.slice(2);
const builds = { base: '/work/wt/snap16e-base', mine: '/work/wt/snap16e' };
const files = {};
for (const [name, pkg] of Object.entries(builds)) {
  const file = `/work/snap16e/cmp-${name}.duckdb`;
  rmSync(file, { force: true }); rmSync(`${file}.wal`, { force: true });
  copyFileSync(src, file);
  const { Db } = await import(`${pkg}/dist/engine/db.js`);
  const { computeSnapshots } = await import(`${pkg}/dist/engine/snapshot.js`);
  const { migrate } = await import(`${pkg}/dist/engine/migrate.js`);
  const db = await Db.open(file, { threads: 2, memoryLimit: '4GB', tempDirectory: '/work/snap16e/tmp' });
  await migrate(db);
  const lines = [];
  const c0 = process.cpuUsage();
  const opts = mode === 'backfill' ? { backfill: true, ...(date ? { asOf: date } : {}) } : { asOf: date };
  await computeSnapshots(db, opts, { log: (l) => lines.push(l) });
  const c = process.cpuUsage(c0);
  console.log(`${name}: ${((c.user + c.system) / 1000).toFixed(0)} ms cpu | ${lines.find((l) => l.startsWith('snapshots')) ?? lines.join(' / ')}`);
  db.close();
  files[name] = file;
}
const { Db } = await import(`${builds.mine}/dist/engine/db.js`);
const db = await Db.open(files.mine, { threads: 2, memoryLimit: '4GB', tempDirectory: '/work/snap16e/tmp' });
await db.run(`ATTACH '${files.base}' AS base (READ_ONLY)`);
for (const t of ['survival', 'survival_curve', 'chain_steps', 'snapshots']) {
  const [x] = await db.all(`SELECT (SELECT count(*) FROM (FROM main.${t} EXCEPT ALL FROM base.${t}))::INTEGER a, (SELECT count(*) FROM (FROM base.${t} EXCEPT ALL FROM main.${t}))::INTEGER b, (SELECT count(*) FROM main.${t})::INTEGER n, (SELECT count(DISTINCT snapshot_date) FROM main.${t})::INTEGER d`);
  console.log(`  ${t}: ${x.a}/${x.b} rows differ of ${x.n} (${x.d} dates)`);
}
db.close();
