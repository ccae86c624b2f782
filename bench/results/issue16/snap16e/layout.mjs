// node layout.mjs SRC: one date (2026-12-03) computed alone against the same date inside a backfill (its own runs of
// days): are the stored survival rows the same bits? (this branch's build, copies of SRC)
import { copyFileSync, rmSync } from 'node:fs';
const [src] = process.argv.slice(2);
const { Db } = await import('/work/wt/snap16e/dist/engine/db.js');
const { computeSnapshots } = await import('/work/wt/snap16e/dist/engine/snapshot.js');
const runs = { alone: { asOf: '2026-12-03' }, backfill: { backfill: true, asOf: '2026-12-12' } };
for (const [name, opts] of Object.entries(runs)) {
  const file = `/work/snap16e/lay-${name}.duckdb`;
  rmSync(file, { force: true });
  copyFileSync(src, file);
  const db = await Db.open(file, { threads: 2 });
  const lines = [];
  await computeSnapshots(db, opts, { log: (l) => lines.push(l) });
  console.log(name, lines.find((l) => l.startsWith('snapshots')));
  db.close();
}
const db = await Db.open('/work/snap16e/lay-alone.duckdb', { threads: 2 });
await db.run(`ATTACH '/work/snap16e/lay-backfill.duckdb' AS b (READ_ONLY)`);
for (const t of ['survival', 'survival_curve']) {
  const [x] = await db.all(`SELECT (SELECT count(*) FROM (FROM main.${t} WHERE snapshot_date = '2026-12-03' EXCEPT ALL FROM b.${t} WHERE snapshot_date = '2026-12-03'))::INTEGER a, (SELECT count(*) FROM main.${t} WHERE snapshot_date = '2026-12-03')::INTEGER n`);
  console.log(`  ${t} 2026-12-03: ${x.a} of ${x.n} rows differ between alone and in a backfill`);
}
const [y] = await db.all(`SELECT count(*)::INTEGER n, max(abs(a.surviving - c.surviving))::DOUBLE m FROM main.survival_curve a JOIN b.survival_curve c USING (snapshot_date, quest_id, seconds) WHERE snapshot_date = '2026-12-03' AND a.surviving <> c.surviving`);
console.log(`  surviving differs on ${y.n} points, by at most ${y.m}`);
db.close();
