// The refresh path of segment_completed on real data: a new database gets the size's Parquet files but the last,
// a refresh, then the last file and a refresh (incremental); its kept rows are compared (EXCEPT ALL both ways) with the
// sums over its whole state and with another database's (one refresh of all files, or migration 015's).
// usage: node incremental.mjs DATA_DIR OTHER_DB
import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
const [dataDir, other] = process.argv.slice(2);
const root = resolve(import.meta.dirname, '../../../..');
const { Db } = await import(`${root}/dist/engine/db.js`);
const { migrate } = await import(`${root}/dist/engine/migrate.js`);
const { ingest } = await import(`${root}/dist/ingest/ingest.js`);
const { refreshState } = await import(`${root}/dist/engine/state.js`);
const files = readdirSync(dataDir).filter((f) => f.endsWith('.parquet')).sort().map((f) => join(dataDir, f));
const path = '/tmp/segagg-incr.duckdb';
rmSync(path, { force: true });
const db = await Db.open(path, { threads: 2, memoryLimit: '4GB' });
await migrate(db);
const quiet = { log: () => {} };
await ingest(db, { paths: files.slice(0, -1), format: 'events', cwd: root }, quiet);
console.log('first', JSON.stringify(await refreshState(db, quiet)));
await ingest(db, { paths: files.slice(-1), format: 'events', cwd: root }, quiet);
console.log('second', JSON.stringify(await refreshState(db, quiet)));
const cmp = async (label, a, b) => {
  const r = await db.one(`SELECT (SELECT count(*) FROM (${a}))::INTEGER AS rows_a, (SELECT count(*) FROM (${b}))::INTEGER AS rows_b,
    (SELECT count(*) FROM (${a} EXCEPT ALL ${b}))::INTEGER AS a_not_b, (SELECT count(*) FROM (${b} EXCEPT ALL ${a}))::INTEGER AS b_not_a`);
  console.log(label, JSON.stringify(r));
};
await cmp('kept vs sums over the state', 'SELECT * FROM segment_completed', "SELECT * FROM ql_completed_sums('state_current')");
await db.run(`ATTACH '${other}' AS o (READ_ONLY)`);
await cmp('kept vs the other database', 'SELECT * FROM segment_completed', 'SELECT * FROM o.segment_completed');
await cmp('state_current vs the other database', 'SELECT * EXCLUDE (last_accept) FROM state_current', 'SELECT * EXCLUDE (last_accept) FROM o.state_current');
db.close();
rmSync(path, { force: true });
rmSync(`${path}.wal`, { force: true });
