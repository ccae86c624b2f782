// The bench contender's open phase, piece by piece, on a fresh database file: node open-prof.mjs PKG DB
// Prints ms (wall) and process CPU ms for: process start -> first line, import of engine/db (the DuckDB binding),
// instance creation, connect + session setup, each migration, and the close.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkg, path] = process.argv.slice(2);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let t = performance.now();
let c = cpu();
const out = [`start ${t.toFixed(0)}/${c.toFixed(0)}`];
const lap = (name) => { const n = performance.now(), k = cpu(); out.push(`${name} ${(n - t).toFixed(1)}/${(k - c).toFixed(0)}`); t = n; c = k; };
const lib = (name) => import(pathToFileURL(join(pkg, 'dist', `${name}.js`)).href);
const { Db } = await lib('engine/db');
lap('import-db');
const { migrate, migrations } = await lib('engine/migrate');
lap('import-migrate');
for (const f of [path, `${path}.wal`]) rmSync(f, { force: true });
const db = await Db.open(path, { threads: 2, memoryLimit: '6GB' });
lap('Db.open');
if (process.env.EACH) {
  await db.run('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)');
  for (const m of migrations()) {
    await db.transaction(async () => {
      await db.run(m.sql);
      await db.run('INSERT INTO schema_version VALUES ($v, $n, now()::TIMESTAMP)', { v: m.version, n: m.name });
    });
    lap(`m${m.version}`);
  }
} else if (process.env.ONE) {
  // every migration in one transaction (what a fresh database could do)
  await db.transaction(async () => {
    await db.run('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)');
    for (const m of migrations()) {
      await db.run(m.sql);
      await db.run('INSERT INTO schema_version VALUES ($v, $n, now()::TIMESTAMP)', { v: m.version, n: m.name });
    }
  });
  lap('migrate-one');
} else {
  await migrate(db);
  lap('migrate');
}
db.close();
lap('close');
process.stdout.write(`${out.join(' ')}\n`);
