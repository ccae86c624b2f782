// The rebuild's quest_state statement with the interval macro's window rewritten (same rules), one process per
// variant, on a copy of an ingested database: wall / process CPU ms of the statement + COMMIT, and a hash of the rows.
//   node window-variants.mjs PKG INGESTED.duckdb VARIANT   (base | qp: PARTITION BY quest_id, player_id |
//   key: ORDER BY one BIGINT of time and status)
import { copyFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkg, src, variant] = process.argv.slice(2);
const { Db, sqlFile } = await import(pathToFileURL(join(resolve(pkg), 'dist/engine/db.js')).href);
const { migrate } = await import(pathToFileURL(join(resolve(pkg), 'dist/engine/migrate.js')).href);
const p = `${src}.wv-${process.pid}.duckdb`;
copyFileSync(src, p);
const db = await Db.open(p, { threads: 2, memoryLimit: '6GB', tempDirectory: `${p}.tmp` });
await migrate(db);
await db.run("SET preserve_insertion_order = false; SET force_compression = 'dictionary'");
let macros = sqlFile('state/macros');
const w = 'WINDOW w AS (PARTITION BY player_id, quest_id ORDER BY ts, status)';
if (!macros.includes(w)) throw new Error('window clause not found');
if (variant === 'qp') macros = macros.replace(w, 'WINDOW w AS (PARTITION BY quest_id, player_id ORDER BY ts, status)');
if (variant === 'key') macros = macros.replace(w, 'WINDOW w AS (PARTITION BY player_id, quest_id ORDER BY epoch_us(ts) * 8 + enum_code(status))');
await db.run(macros);
await db.run(sqlFile('state/redo_events_all'));
const c0 = process.cpuUsage();
const t0 = performance.now();
await db.run('BEGIN');
await db.run(sqlFile('state/quest_state'), { refresh: 1 });
await db.run('COMMIT');
const u = process.cpuUsage(c0);
const r = await db.one('SELECT count(*)::BIGINT AS n, sum(hash(*COLUMNS(*)))::VARCHAR AS h FROM state_intervals');
db.close();
rmSync(p);
console.log(variant, `${Math.round(performance.now() - t0)}/${Math.round((u.user + u.system) / 1000)}`, r.n, r.h);
