// The `direct` contender's ingest (bench/contenders/direct.js) alone, timed like ingest-prof.mjs: wall and process CPU
// of each statement, for comparing questlog's ingest with it statement by statement in the same minutes.
// Usage: [SIZE=10m] node bench/results/issue13/round8-ingest13b/direct-prof.mjs <package root with dist/> [ndjson|parquet]
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, format = 'ndjson'] = process.argv.slice(2);
const lib = (n) => import(pathToFileURL(join(resolve(root), 'dist', `${n}.js`)).href);
const [{ Db, literal, sqlFile }, { migrations }] = await Promise.all(['engine/db', 'engine/migrate'].map(lib));
const dir = resolve(import.meta.dirname, '../../../data', process.env.SIZE ?? '1m', 'plain', format);
const inputs = readdirSync(dir).sort().map((f) => join(dir, f));
const work = mkdtempSync(join(tmpdir(), 'direct-prof-'));
const db = await Db.open(join(work, 'p.duckdb'), { threads: 2, memoryLimit: '6GB', tempDirectory: join(work, 'tmp') });
for (const m of migrations()) await db.run(m.sql);
for (const stmt of sqlFile('ingest/macros').split(/;\s*(?:\n|$)/)) {
  if (stmt.replace(/--.*$/gm, '').trim()) await db.run(stmt);
}
const cpuMs = (c) => (c.user + c.system) / 1000;
const files = `[${inputs.map(literal).join(', ')}]`;
const text =
  "{ts: 'VARCHAR', player_id: 'VARCHAR', quest_id: 'VARCHAR', status: 'VARCHAR', session_id: 'VARCHAR', build: 'VARCHAR', platform: 'VARCHAR'}";
const reader =
  format === 'parquet' ? `read_parquet(${files})` : `read_json(${files}, format = 'newline_delimited', columns = ${text})`;
const stmts = [
  `INSERT INTO events
   SELECT 0, 0, ql_ts(ts::VARCHAR), player_id, quest_id, ql_status(status), session_id, build, platform FROM ${reader}`,
  'INSERT INTO file_players SELECT 0, player_id, min(ts) FROM events GROUP BY player_id',
  'INSERT INTO dirty_players SELECT player_id FROM file_players',
];
if (process.env.FORCE) await db.run("SET force_compression = 'dictionary'");
if (process.env.PIO) await db.run("SET preserve_insertion_order = false");
const c0 = process.cpuUsage();
const t0 = performance.now();
for (const sql of stmts) {
  const t = performance.now();
  const c = process.cpuUsage();
  await db.run(sql);
  const line = sql.replace(/\s+/g, ' ').slice(0, 60);
  console.log((performance.now() - t).toFixed(0).padStart(6), cpuMs(process.cpuUsage(c)).toFixed(0).padStart(6), line);
}
const wall = performance.now() - t0;
const cpu = cpuMs(process.cpuUsage(c0));
const tk = performance.now();
const ck0 = process.cpuUsage();
await db.run('CHECKPOINT');
const ck = `${Math.round(performance.now() - tk)}/${Math.round(cpuMs(process.cpuUsage(ck0)))}`;
const { n } = await db.one('SELECT count(*)::INTEGER AS n FROM events');
db.close();
rmSync(work, { recursive: true, force: true });
console.log(JSON.stringify({ root, format, wall: Math.round(wall), cpu: Math.round(cpu), events: n, ck }));
