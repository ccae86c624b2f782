// The exact duplicate count of a 1M NDJSON batch, variants alternating in one process (each on the same staged rows,
// events inserted and not committed, as in the real batch). Prints wall / CPU ms [ticks per thread] and the result,
// which must agree. Also the staged read with and without a hash column.
// Usage: DATA=<dir with 1m/plain/ndjson> node dups.mjs <package root> [reps]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, reps = '3'] = process.argv.slice(2);
const lib = (n) => import(pathToFileURL(join(resolve(root), 'dist', `${n}.js`)).href);
const [{ Db, sqlFile, runScript, literal }, { migrate }] = await Promise.all(['engine/db', 'engine/migrate'].map(lib));
const dir = resolve(process.env.DATA, process.env.SIZE ?? '1m', 'plain', 'ndjson');
const inputs = readdirSync(dir).sort().map((f) => join(dir, f));
const work = mkdtempSync(join(tmpdir(), 'dups-'));
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
const step = async (name, sql, show) => {
  const t = performance.now(); const c = process.cpuUsage(); const k = ticks();
  await db.run(sql);
  const busy = [...ticks()].map(([id, v]) => v - (k.get(id) ?? 0)).filter((n) => n > 2).sort((a, b) => b - a);
  const r = show ? JSON.stringify(await db.one(show)) : '';
  console.log(name.padEnd(8), `${Math.round(performance.now() - t)}/${Math.round(cpuMs(process.cpuUsage(c)))}`, `[${busy}]`, r, 'load', load());
};
const cols = `columns = {ts: 'VARCHAR', player_id: 'VARCHAR', quest_id: 'VARCHAR', status: 'VARCHAR',
  session_id: 'VARCHAR', build: 'VARCHAR', platform: 'VARCHAR'}, maximum_object_size = 1048576`;
const reader = `read_ndjson([${inputs.map(literal).join(', ')}], ${cols})`;
const stage = (h) => `CREATE OR REPLACE TEMP TABLE ql_read AS WITH x AS (SELECT file_index::INTEGER AS idx, ql_key(player_id) AS player_id,
    ql_key(quest_id) AS quest_id, ql_status(status) AS status, ql_ts(ts) AS ts, ql_id(session_id) AS session_id,
    ql_id(build) AS build, ql_id(platform) AS platform FROM ${reader})
  SELECT *, ${h ? 'hash(player_id, quest_id, status, ts) AS h,' : ''} ql_loadable(player_id, quest_id, status, ts) AS ok FROM x`;
await db.run('SET preserve_insertion_order = true');
for (let i = 0; i < Number(reps); i++) {
  await step('stage', stage(false));
  await step('stage+h', stage(true));
}
await db.run('SET preserve_insertion_order = false');
await db.run('BEGIN');
await db.run(`CREATE TEMP TABLE ql_first AS SELECT idx, idx + 1 AS file_id, min(rowid) AS first, true AS clean, count(*) AS expected FROM ql_read GROUP BY idx`);
await step('insert', `INSERT INTO events SELECT f.file_id, r.rowid - f.first + 1, r.ts, r.player_id, r.quest_id,
    r.status, r.session_id, r.build, r.platform FROM ql_read r JOIN ql_first f USING (idx)`);
const show = 'SELECT sum(n)::VARCHAR AS n, sum(duplicates)::VARCHAR AS d, count(*)::VARCHAR AS files, sum(hash(file_id, n, duplicates))::VARCHAR AS x FROM ql_loaded';
const twoStep = (src, hexpr) => `CREATE OR REPLACE TEMP TABLE ql_loaded AS WITH h AS MATERIALIZED (
    SELECT file_id, ${hexpr} AS h, count(*) AS n FROM ${src} GROUP BY file_id, h
  ), dup AS (
    SELECT e.file_id, count(*) - 1 AS extra FROM ${src} e SEMI JOIN (SELECT file_id, h FROM h WHERE n > 1) c
      ON e.file_id = c.file_id AND ${hexpr.replaceAll('(', '(e.').replace('(e.', '(').replaceAll(', ', ', e.')} = c.h
    GROUP BY e.file_id, e.player_id, e.quest_id, e.status, e.ts HAVING count(*) > 1
  )
  SELECT file_id, n::BIGINT AS n, coalesce(d.duplicates, 0)::BIGINT AS duplicates
  FROM (SELECT file_id, sum(n) AS n FROM h GROUP BY file_id) t
  LEFT JOIN (SELECT file_id, sum(extra) AS duplicates FROM dup GROUP BY file_id) d USING (file_id)`;
const hashed = '(SELECT f.file_id, r.player_id, r.quest_id, r.status, r.ts, r.h FROM ql_read r JOIN ql_first f USING (idx))';
const variants = {
  // the root's src/sql/ingest/ndjson_loaded.sql (its first statement), when it has one
  ...(process.env.FILE ? { file: readFileSync(join(resolve(root), 'src/sql/ingest/ndjson_loaded.sql'), 'utf8').split(/;\s*\n/)[0] } : {}),
  // today: fast_loaded.sql against the batch's uncommitted events
  events: twoStep('(SELECT * FROM events WHERE file_id BETWEEN 1 AND 4)', 'hash(player_id, quest_id, status, ts)'),
  // the same from the staged copy, hashing there
  qlread: twoStep('(SELECT f.file_id, r.player_id, r.quest_id, r.status, r.ts FROM ql_read r JOIN ql_first f USING (idx))', 'hash(player_id, quest_id, status, ts)'),
  // the hash computed in the staged read (stage+h), grouped from there
  qlreadh: `CREATE OR REPLACE TEMP TABLE ql_loaded AS WITH h AS MATERIALIZED (
    SELECT idx, h, count(*) AS n FROM ql_read GROUP BY idx, h
  ), dup AS (
    SELECT r.idx, count(*) - 1 AS extra FROM ql_read r SEMI JOIN (SELECT idx, h FROM h WHERE n > 1) c
      ON r.idx = c.idx AND r.h = c.h
    GROUP BY r.idx, r.player_id, r.quest_id, r.status, r.ts HAVING count(*) > 1
  )
  SELECT f.file_id, t.n::BIGINT AS n, coalesce(d.duplicates, 0)::BIGINT AS duplicates
  FROM (SELECT idx, sum(n) AS n FROM h GROUP BY idx) t JOIN ql_first f USING (idx)
  LEFT JOIN (SELECT idx, sum(extra) AS duplicates FROM dup GROUP BY idx) d USING (idx)`,
};
for (let i = 0; i < Number(reps); i++) {
  for (const [k, sql] of Object.entries(variants)) await step(k, sql, show);
}
await db.run('ROLLBACK');
db.close();
rmSync(work, { recursive: true, force: true });
