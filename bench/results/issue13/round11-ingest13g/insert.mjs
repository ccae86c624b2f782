// The NDJSON fast path's INSERT INTO events from the staged rows, variants alternating in one process (each rolled
// back): today's join on ql_first against per-file offsets as list lookups. Then EXPLAIN ANALYZE of today's form.
// Prints wall / CPU ms [ticks] and a hash of every (file_id, line, event) row, which must agree.
// Usage: DATA=<dir with 1m/plain/ndjson> node insert.mjs <package root> [reps]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, reps = '3'] = process.argv.slice(2);
const lib = (n) => import(pathToFileURL(join(resolve(root), 'dist', `${n}.js`)).href);
const [{ Db, sqlFile, runScript, literal }, { migrate }] = await Promise.all(['engine/db', 'engine/migrate'].map(lib));
const dir = resolve(process.env.DATA, process.env.SIZE ?? '1m', 'plain', 'ndjson');
const inputs = readdirSync(dir).sort().map((f) => join(dir, f));
const work = mkdtempSync(join(tmpdir(), 'insert-'));
const db = await Db.open(join(work, 'p.duckdb'), { threads: 2, memoryLimit: '6GB', tempDirectory: join(work, 'tmp') });
await migrate(db);
await runScript(db, sqlFile('ingest/macros'));
await db.run("SET VARIABLE ql_earliest = '1970-01-01'::TIMESTAMP");
await db.run("SET VARIABLE ql_latest = '2100-01-01'::TIMESTAMP");
await db.run('SET VARIABLE ql_max_id = 256');
await db.run('SET VARIABLE ql_scan = false');
await db.run("SET force_compression = 'dictionary'");
const cpuMs = (c) => (c.user + c.system) / 1000;
const ticks = () => new Map(readdirSync('/proc/self/task').map((t) => {
  const f = readFileSync(`/proc/self/task/${t}/stat`, 'utf8').split(') ')[1].split(' ');
  return [t, Number(f[11]) + Number(f[12])];
}));
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
const step = async (name, sql) => {
  const t = performance.now(); const c = process.cpuUsage(); const k = ticks();
  await db.run(sql);
  const busy = [...ticks()].map(([id, v]) => v - (k.get(id) ?? 0)).filter((n) => n > 2).sort((a, b) => b - a);
  const h = await db.one(`SELECT count(*)::VARCHAR AS n, sum(hash(file_id, line, ts, player_id, quest_id, status,
    session_id, build, platform))::VARCHAR AS h FROM events`);
  console.log(name.padEnd(8), `${Math.round(performance.now() - t)}/${Math.round(cpuMs(process.cpuUsage(c)))}`, `[${busy}]`, JSON.stringify(h), 'load', load());
};
const paths = inputs.map(literal).join(', ');
await db.run('SET preserve_insertion_order = true');
await db.run(`CREATE TEMP TABLE ql_read AS SELECT file_index::INTEGER AS idx, ql_key(player_id) AS player_id,
  ql_key(quest_id) AS quest_id, ql_status(status) AS status, ql_ts(ts) AS ts, ql_id(session_id) AS session_id,
  ql_id(build) AS build, ql_id(platform) AS platform FROM read_ndjson([${paths}], columns = {ts: 'VARCHAR',
  player_id: 'VARCHAR', quest_id: 'VARCHAR', status: 'VARCHAR', session_id: 'VARCHAR', build: 'VARCHAR',
  platform: 'VARCHAR'}, maximum_object_size = 1048576)`);
await db.run(`CREATE TEMP TABLE ql_first AS SELECT idx, idx + 1 AS file_id, min(rowid) AS first, 0 AS header, true AS clean
  FROM ql_read GROUP BY idx`);
const f = await db.all('SELECT idx, file_id, first FROM ql_first ORDER BY idx');
await db.run('SET preserve_insertion_order = false');
const variants = {
  join: `INSERT INTO events SELECT f.file_id, r.rowid - f.first + 1 + f.header, r.ts, r.player_id, r.quest_id, r.status,
    r.session_id, r.build, r.platform FROM ql_read r JOIN ql_first f ON f.idx = r.idx AND f.clean`,
  lists: `INSERT INTO events SELECT [${f.map((x) => x.file_id)}][idx + 1], rowid - [${f.map((x) => x.first)}][idx + 1] + 1,
    ts, player_id, quest_id, status, session_id, build, platform FROM ql_read WHERE idx IN (${f.map((x) => x.idx)})`,
};
for (let i = 0; i < Number(reps); i++) {
  for (const [k, sql] of Object.entries(variants)) {
    await db.run('BEGIN');
    await step(k, sql);
    await db.run('ROLLBACK');
  }
}
await db.run('BEGIN');
const plan = await db.all(`EXPLAIN ANALYZE ${variants.join}`);
console.log(plan.map((r) => Object.values(r).join('\n')).join('\n'));
await db.run('ROLLBACK');
db.close();
rmSync(work, { recursive: true, force: true });
