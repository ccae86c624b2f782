// The NDJSON fast path's staged read of the 1M files three ways, one process per run: `ctas` (base: CREATE TABLE AS
// over the four files), `insert` (this branch's events_fast.sql over the four files), `perfile` (the same, one
// statement per file, as a batch staged while its files are checked). Prints wall / CPU ms and the rows' hash.
// Usage: node bench/results/issue13/round8-ingest13b/stage-variants.mjs <package root (this branch)> <ctas|insert|perfile>
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, variant] = process.argv.slice(2);
const lib = (n) => import(pathToFileURL(join(resolve(root), 'dist', `${n}.js`)).href);
const [{ Db, sqlFile, runScript, literal }, { migrate }] = await Promise.all(['engine/db', 'engine/migrate'].map(lib));
const dir = resolve(import.meta.dirname, '../../../data', process.env.SIZE ?? '1m', 'plain', 'ndjson');
const inputs = readdirSync(dir).sort().map((f) => join(dir, f));
const work = mkdtempSync(join(tmpdir(), 'stage-'));
const db = await Db.open(join(work, 'p.duckdb'), { threads: 2, memoryLimit: '6GB', tempDirectory: join(work, 'tmp') });
await migrate(db);
await runScript(db, sqlFile('ingest/macros'));
await db.run("SET VARIABLE ql_earliest = '1970-01-01'::TIMESTAMP");
await db.run("SET VARIABLE ql_latest = '2100-01-01'::TIMESTAMP");
await db.run('SET VARIABLE ql_max_id = 256');
await db.run('SET VARIABLE ql_scan = false');
await db.run('SET preserve_insertion_order = true');
const [create, insert] = sqlFile('ingest/events_fast')
  .split(/;\s*(?:\n|$)/)
  .filter((s) => s.replace(/--.*$/gm, '').trim() !== '');
const list = (ps) => `[${ps.map(literal).join(', ')}]`;
const stmt = (ps, idx) => insert.replaceAll('$paths', list(ps)).replaceAll('$idx', String(idx)).replaceAll('$long_line', '1048576');
const c0 = process.cpuUsage();
const t0 = performance.now();
if (variant === 'ctas') {
  await db.run(stmt(inputs, 0).replace(/INSERT INTO ql_read/, 'CREATE TEMP TABLE ql_read AS'));
} else if (variant === 'insert') {
  await db.run(create);
  await db.run(stmt(inputs, 0));
} else {
  await db.run(create);
  for (const [i, p] of inputs.entries()) await db.run(stmt([p], i));
}
const wall = performance.now() - t0;
const c = process.cpuUsage(c0);
const h = await db.one(`SELECT count(*)::VARCHAR AS n, sum(hash(idx, rowid - first, ts, player_id, quest_id, status, ok))::VARCHAR AS h
  FROM ql_read JOIN (SELECT idx, min(rowid) AS first FROM ql_read GROUP BY idx) USING (idx)`);
db.close();
rmSync(work, { recursive: true, force: true });
console.log(variant, Math.round(wall), Math.round((c.user + c.system) / 1000), JSON.stringify(h));
