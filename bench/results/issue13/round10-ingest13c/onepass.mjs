// NDJSON fast path variants, one per process: today's two statements (ordered CTAS into ql_read, then INSERT INTO
// events with rowid line numbers) against one-pass inserts that number lines in the read itself. Prints wall / CPU ms
// per step, [ticks per thread], and a hash of every (file_id, line, event) row, which must agree across variants.
// Usage: node onepass.mjs <package root> <v0|ord|pos|ordu>
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, variant = 'v0'] = process.argv.slice(2);
const lib = (n) => import(pathToFileURL(join(resolve(root), 'dist', `${n}.js`)).href);
const [{ Db, sqlFile, runScript, literal }, { migrate }] = await Promise.all(['engine/db', 'engine/migrate'].map(lib));
const dir = resolve(import.meta.dirname, '../../../data', process.env.SIZE ?? '1m', 'plain', 'ndjson');
const inputs = readdirSync(dir).sort().map((f) => join(dir, f));
const lines = inputs.map((f) => readFileSync(f).reduce((n, b) => n + (b === 10 ? 1 : 0), 0));
const work = mkdtempSync(join(tmpdir(), 'onepass-'));
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
const steps = [];
const step = async (name, sql) => {
  const t = performance.now(); const c = process.cpuUsage(); const k = ticks();
  await db.run(sql);
  const busy = [...ticks()].map(([id, v]) => v - (k.get(id) ?? 0)).filter((n) => n > 2).sort((a, b) => b - a);
  steps.push(`${name} ${Math.round(performance.now() - t)}/${Math.round(cpuMs(process.cpuUsage(c)))}[${busy}]`);
};
const cols = `columns = {ts: 'VARCHAR', player_id: 'VARCHAR', quest_id: 'VARCHAR', status: 'VARCHAR',
  session_id: 'VARCHAR', build: 'VARCHAR', platform: 'VARCHAR'}, maximum_object_size = 1048576`;
const reader = (files) => `read_ndjson([${files.map(literal).join(', ')}], ${cols})`;
const parsed = `ql_ts(ts), ql_key(player_id), ql_key(quest_id), ql_status(status), ql_id(session_id), ql_id(build), ql_id(platform)`;
const c0 = process.cpuUsage();
const t0 = performance.now();
await db.run('SET preserve_insertion_order = true');
if (variant === 'v0') {
  await step('stage', `CREATE TEMP TABLE ql_read AS SELECT file_index::INTEGER AS idx, ql_key(player_id) AS player_id,
    ql_key(quest_id) AS quest_id, ql_status(status) AS status, ql_ts(ts) AS ts, ql_id(session_id) AS session_id,
    ql_id(build) AS build, ql_id(platform) AS platform FROM ${reader(inputs)}`);
  await db.run('BEGIN');
  await step('first', `CREATE TEMP TABLE ql_first AS SELECT idx, idx + 1 AS file_id, min(rowid) AS first
    FROM ql_read GROUP BY idx`);
  await step('insert', `INSERT INTO events SELECT f.file_id, r.rowid - f.first + 1, r.ts, r.player_id, r.quest_id,
    r.status, r.session_id, r.build, r.platform FROM ql_read r JOIN ql_first f USING (idx)`);
} else if (variant === 'ord') {
  // One reader per file WITH ORDINALITY, the files in a UNION ALL.
  await db.run('BEGIN');
  const parts = inputs.map((f, i) => `SELECT ${i + 1} AS file_id, ordinality AS line, ${parsed} FROM ${reader([f])} WITH ORDINALITY`);
  await step('insert', `INSERT INTO events ${parts.join(' UNION ALL ')}`);
} else if (variant === 'ordnp' || variant === 'ordnpw') {
  // The same, with insertion order not kept: each file's branch numbers its own lines, so the branches may run at once.
  await db.run('SET preserve_insertion_order = false');
  if (variant === 'ordnpw') await db.run("SET disabled_optimizers = 'filter_pushdown'");
  await db.run('BEGIN');
  const where = variant === 'ordnpw' ? `WHERE ql_loadable(player_id, quest_id, status, ts) AND NOT (prefix(player_id, '{')
    OR prefix(player_id, '[') OR prefix(quest_id, '{') OR prefix(quest_id, '['))` : '';
  const parts = inputs.map((f, i) => `SELECT * FROM (SELECT ${i + 1} AS file_id, ordinality AS line, ql_ts(ts) AS ts,
    ql_key(player_id) AS player_id, ql_key(quest_id) AS quest_id, ql_status(status) AS status, ql_id(session_id),
    ql_id(build), ql_id(platform) FROM ${reader([f])} WITH ORDINALITY) ${where}`);
  await step('insert', `INSERT INTO events ${parts.join(' UNION ALL ')}`);
} else if (variant === 'direct') {
  await db.run('SET preserve_insertion_order = false');
  await db.run('BEGIN');
  await step('insert', `INSERT INTO events SELECT file_index::INTEGER + 1, 0, ${parsed} FROM ${reader(inputs)}`);
} else if (variant === 'ordall') {
  // One reader over every file WITH ORDINALITY; lines from the files' known line counts.
  await db.run('BEGIN');
  const start = lines.map((_, i) => lines.slice(0, i).reduce((a, b) => a + b, 0));
  await step('insert', `INSERT INTO events SELECT file_index::INTEGER + 1, ordinality - [${start}][file_index + 1],
    ${parsed} FROM ${reader(inputs)} WITH ORDINALITY`);
} else if (variant === 'pos') {
  await db.run('BEGIN');
  await step('insert', `INSERT INTO events SELECT file_index::INTEGER + 1, r.range, ${parsed}
    FROM ${reader(inputs)} POSITIONAL JOIN range(${lines.reduce((a, b) => a + b, 0)}) r`);
}
if (process.env.READBACK) {
  // The batch's read-back steps (duplicates per file, players per file) from events (today) or from ql_read.
  const src = process.env.READBACK === 'events' ? '(SELECT * FROM events WHERE file_id BETWEEN 1 AND 4)'
    : '(SELECT f.file_id, r.player_id, r.quest_id, r.status, r.ts FROM ql_read r JOIN ql_first f USING (idx))';
  await step('dups', `CREATE TEMP TABLE ql_loaded AS WITH h AS MATERIALIZED (
    SELECT file_id, hash(player_id, quest_id, status, ts) AS h, count(*) AS n FROM ${src} GROUP BY file_id, h
  ), dup AS (
    SELECT e.file_id, count(*) - 1 AS extra FROM ${src} e SEMI JOIN (SELECT file_id, h FROM h WHERE n > 1) c
      ON e.file_id = c.file_id AND hash(e.player_id, e.quest_id, e.status, e.ts) = c.h
    GROUP BY e.file_id, e.player_id, e.quest_id, e.status, e.ts HAVING count(*) > 1
  )
  SELECT file_id, n::BIGINT AS n, coalesce(d.duplicates, 0)::BIGINT AS duplicates
  FROM (SELECT file_id, sum(n) AS n FROM h GROUP BY file_id) t
  LEFT JOIN (SELECT file_id, sum(extra) AS duplicates FROM dup GROUP BY file_id) d USING (file_id)`);
  await step('players', `INSERT INTO file_players SELECT file_id, player_id, min(ts) FROM ${src}
    GROUP BY file_id, player_id ORDER BY file_id, player_id`);
  const r = await db.one('SELECT sum(n)::VARCHAR AS n, sum(duplicates)::VARCHAR AS d, (SELECT count(*) FROM file_players)::VARCHAR AS p FROM ql_loaded');
  steps.push(JSON.stringify(r));
}
await step('commit', 'COMMIT');
const wall = performance.now() - t0;
const cpu = cpuMs(process.cpuUsage(c0));
await step('checkpoint', 'CHECKPOINT');
const h = await db.one(`SELECT count(*)::VARCHAR AS n, sum(hash(file_id, line, ts, player_id, quest_id, status,
  session_id, build, platform))::VARCHAR AS h, max(line)::VARCHAR AS maxline, min(line)::VARCHAR AS minline FROM events`);
db.close();
rmSync(work, { recursive: true, force: true });
console.log(variant, Math.round(wall), Math.round(cpu), steps.join(' '), JSON.stringify(h), 'load', readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
