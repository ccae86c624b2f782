// A copy of publish-5k.mjs's database with its snapshot history padded back to DAYS dates, or its oldest dates dropped
// (bench/lib/pad-history.js), for the flat-cost comparison of round 15 flat15 (30 against 365 days of history).
//   node bench/results/issue16/pad-copy.mjs DIST SRC.duckdb DST.duckdb DAYS
import { copyFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { padHistory } from '../../lib/pad-history.js';

const [dist, src, dst, days] = process.argv.slice(2);
const { Db } = await import(`${resolve(dist)}/engine/db.js`);
copyFileSync(src, dst);
if (existsSync(`${src}.wal`)) copyFileSync(`${src}.wal`, `${dst}.wal`);
const db = await Db.open(dst);
await db.run("SET threads = 2; SET memory_limit = '4GB'");
const added = await padHistory(db, Number(days));
await db.run('CHECKPOINT');
const r = await db.one(
  'SELECT count(*)::INTEGER AS n, min(snapshot_date)::VARCHAR AS first, max(snapshot_date)::VARCHAR AS last FROM snapshot_runs',
);
const rows = await db.one('SELECT count(*)::INTEGER AS n FROM snapshots');
console.log(`${dst}: ${added} dates added, ${r.n} dates ${r.first}..${r.last}, ${rows.n} snapshot rows`);
db.close();
