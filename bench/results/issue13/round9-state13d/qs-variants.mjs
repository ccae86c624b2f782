// quest_state.sql's statement (DISTINCT + window + insert into state_intervals) in variants, one per process, on a copy
// of an ingested database (no state): wall / process CPU ms of the statements and the COMMIT, and a hash of the rows.
//   node qs-variants.mjs PKG INGESTED.duckdb VARIANT   (full | sliceN: N statements, each over the players of one
//   hash(player_id) % N slice)
import { copyFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkg, src, variant] = process.argv.slice(2);
const { Db, sqlFile } = await import(pathToFileURL(join(resolve(pkg), 'dist/engine/db.js')).href);
const { migrate } = await import(pathToFileURL(join(resolve(pkg), 'dist/engine/migrate.js')).href);
const p = `${src}.qs-${process.pid}.duckdb`;
copyFileSync(src, p);
const db = await Db.open(p, { threads: 2, memoryLimit: '6GB', tempDirectory: `${p}.tmp` });
await migrate(db);
await db.run("SET preserve_insertion_order = false; SET force_compression = 'dictionary'");
await db.run(sqlFile('state/macros'));
const n = variant === 'full' ? 1 : Number(variant.slice(5));
const c0 = process.cpuUsage();
const t0 = performance.now();
await db.run('BEGIN');
for (let i = 0; i < n; i++) {
  await db.run(`CREATE OR REPLACE TEMP VIEW state_redo_events AS SELECT DISTINCT player_id, quest_id, status, ts FROM events
    ${n > 1 ? `WHERE hash(player_id) % ${n} = ${i}` : ''}`);
  await db.run(sqlFile('state/quest_state'), { refresh: 1 });
}
await db.run('COMMIT');
const u = process.cpuUsage(c0);
const r = await db.one('SELECT count(*)::BIGINT AS n, sum(hash(*COLUMNS(*)))::VARCHAR AS h FROM state_intervals');
db.close();
rmSync(p);
console.log(variant, `${Math.round(performance.now() - t0)}/${Math.round((u.user + u.system) / 1000)}`, r.n, r.h);
