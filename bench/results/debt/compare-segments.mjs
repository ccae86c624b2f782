// Backfill (tier,zone extras) with the base build, keep its segment rows, then with the new build; compare row by row.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
const [dbPath, basePkg, newPkg] = process.argv.slice(2);
const lib = (pkg, name) => import(pathToFileURL(join(pkg, 'dist', `${name}.js`)).href);
async function run(pkg, keep) {
  const [{ Db }, { computeSnapshots }] = await Promise.all(['engine/db', 'engine/snapshot'].map((n) => lib(pkg, n)));
  const db = await Db.open(dbPath, { threads: 2, memoryLimit: '4GB' });
  const t0 = Date.now();
  await computeSnapshots(db, { backfill: true, dimensions: ['tier', 'zone'] }, { log: () => {} });
  console.log(pkg, 'backfill ms', Date.now() - t0);
  if (keep) {
    await db.run('CREATE OR REPLACE TABLE seg_base AS SELECT * FROM segment_snapshots');
    await db.run('CREATE OR REPLACE TABLE snap_base AS SELECT * FROM snapshots');
  } else {
    const cmp = await db.all(`
      SELECT count(*)::INTEGER AS n,
        count(*) FILTER (WHERE a.quest_id IS NULL OR b.quest_id IS NULL)::INTEGER AS unmatched,
        count(*) FILTER (WHERE a.players <> b.players OR a.accepted <> b.accepted OR a.declined <> b.declined
          OR a.completed <> b.completed OR a.abandoned <> b.abandoned OR a.failed <> b.failed
          OR a.not_encountered <> b.not_encountered OR a.anomalies <> b.anomalies)::INTEGER AS counts_differ,
        count(*) FILTER (WHERE NOT (
          coalesce(abs(a.mean_seconds - b.mean_seconds) <= 1e-9 * greatest(1, abs(a.mean_seconds)), a.mean_seconds IS NULL AND b.mean_seconds IS NULL)
          AND coalesce(a.min_seconds = b.min_seconds, a.min_seconds IS NULL AND b.min_seconds IS NULL)
          AND coalesce(a.max_seconds = b.max_seconds, a.max_seconds IS NULL AND b.max_seconds IS NULL)
          AND coalesce(abs(a.median_seconds - b.median_seconds) <= 1e-9 * greatest(1, abs(a.median_seconds)), a.median_seconds IS NULL AND b.median_seconds IS NULL)
          AND coalesce(abs(a.p90_seconds - b.p90_seconds) <= 1e-9 * greatest(1, abs(a.p90_seconds)), a.p90_seconds IS NULL AND b.p90_seconds IS NULL)
          AND coalesce(abs(a.mean_attempts - b.mean_attempts) <= 1e-9 * greatest(1, abs(a.mean_attempts)), a.mean_attempts IS NULL AND b.mean_attempts IS NULL)
        ))::INTEGER AS times_differ,
        count(*) FILTER (WHERE a.median_seconds IS NOT NULL)::INTEGER AS with_times,
        count(DISTINCT a.dimension)::INTEGER AS dims
      FROM seg_base a FULL JOIN segment_snapshots b USING (snapshot_date, dimension, value, quest_id)`);
    console.log(JSON.stringify(cmp));
    console.log(JSON.stringify(await db.all(`SELECT count(*)::INTEGER AS n FROM (SELECT * FROM snap_base EXCEPT ALL SELECT * FROM snapshots)`)));
  }
  db.close();
}
await run(basePkg, true);
await run(newPkg, false);
