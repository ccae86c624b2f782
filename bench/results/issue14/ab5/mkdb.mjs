// Ingests a bench size's Parquet shards into a new database with one build (no snapshot), for the A/B scripts.
// usage: node mkdb.mjs DIST DB PARQUET_DIR
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
const [dist, dbPath, dir] = process.argv.slice(2);
const lib = (n) => import(pathToFileURL(`${dist}/${n}.js`).href);
const [{ Db }, { migrate }, { ingest }] = await Promise.all(['engine/db', 'engine/migrate', 'ingest/ingest'].map(lib));
const db = await Db.open(dbPath, { threads: 2, memoryLimit: '4GB' });
await migrate(db);
const paths = readdirSync(dir).filter((f) => f.endsWith('.parquet')).sort().map((f) => join(dir, f));
await ingest(db, { paths, format: 'events' }, { log: () => {} });
console.log(JSON.stringify(await db.one('SELECT count(*)::INTEGER AS events, max(ts)::VARCHAR AS last FROM events')));
db.close();
