// Migrates a database copy with one build (so a nightly's figures leave the migration out). usage: node migrate.mjs DIST DB
import { pathToFileURL } from 'node:url';
const [dist, dbPath] = process.argv.slice(2);
const lib = (n) => import(pathToFileURL(`${dist}/${n}.js`).href);
const [{ Db }, { migrate }] = await Promise.all(['engine/db', 'engine/migrate'].map(lib));
const db = await Db.open(dbPath, { threads: 2, memoryLimit: '4GB' });
await migrate(db);
db.close();
