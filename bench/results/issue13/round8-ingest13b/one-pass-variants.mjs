// The NDJSON fast path's two statements (ordered staged read into a temp table, then INSERT INTO events) against one
// ordered INSERT straight from the reader with the line numbers written by an UPDATE afterwards. One variant per
// process; prints wall / CPU ms per step and a hash of every (file_id, line, event) row, which must agree.
// Usage: [SIZE=10m] node bench/results/issue13/round8-ingest13b/one-pass-variants.mjs <package root> <v0|v1>
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, variant = 'v0'] = process.argv.slice(2);
const lib = (n) => import(pathToFileURL(join(resolve(root), 'dist', `${n}.js`)).href);
const [{ Db, sqlFile, runScript, literal }, { migrate }] = await Promise.all(['engine/db', 'engine/migrate'].map(lib));
const dir = resolve(import.meta.dirname, '../../../data', process.env.SIZE ?? '1m', 'plain', 'ndjson');
const inputs = readdirSync(dir).sort().map((f) => join(dir, f));
const work = mkdtempSync(join(tmpdir(), 'one-pass-'));
const db = await Db.open(join(work, 'p.duckdb'), { threads: 2, memoryLimit: '6GB', tempDirectory: join(work, 'tmp') });
await migrate(db);
await runScript(db, sqlFile('ingest/macros'));
await db.run("SET VARIABLE ql_earliest = '1970-01-01'::TIMESTAMP");
await db.run("SET VARIABLE ql_latest = '2100-01-01'::TIMESTAMP");
await db.run('SET VARIABLE ql_max_id = 256');
await db.run('SET VARIABLE ql_scan = false');
await db.run("SET force_compression = 'dictionary'");
const cpuMs = (c) => (c.user + c.system) / 1000;
const steps = [];
const step = async (name, sql, params) => {
  const t = performance.now();
  const c = process.cpuUsage();
  await db.run(sql, params);
  steps.push(`${name} ${Math.round(performance.now() - t)}/${Math.round(cpuMs(process.cpuUsage(c)))}`);
};
const reader = `read_ndjson([${inputs.map(literal).join(', ')}], columns = {ts: 'VARCHAR', player_id: 'VARCHAR', quest_id: 'VARCHAR',
  status: 'VARCHAR', session_id: 'VARCHAR', build: 'VARCHAR', platform: 'VARCHAR'}, maximum_object_size = 1048576)`;
const c0 = process.cpuUsage();
const t0 = performance.now();
await db.run('SET preserve_insertion_order = true');
if (variant === 'v0') {
  await step('stage', `CREATE TEMP TABLE ql_read AS SELECT file_index::INTEGER AS idx, ql_key(player_id) AS player_id,
    ql_key(quest_id) AS quest_id, ql_status(status) AS status, ql_ts(ts) AS ts, ql_id(session_id) AS session_id,
    ql_id(build) AS build, ql_id(platform) AS platform FROM ${reader}`);
  await db.run('BEGIN');
  await step('first', `CREATE TEMP TABLE ql_first AS SELECT idx, idx + 1 AS file_id, min(rowid) AS first
    FROM ql_read GROUP BY idx`);
  await step('insert', `INSERT INTO events SELECT f.file_id, r.rowid - f.first + 1, r.ts, r.player_id, r.quest_id,
    r.status, r.session_id, r.build, r.platform FROM ql_read r JOIN ql_first f USING (idx)`);
} else {
  await db.run('BEGIN');
  await step('insert', `INSERT INTO events SELECT file_index::INTEGER + 1, 0, ql_ts(ts), ql_key(player_id),
    ql_key(quest_id), ql_status(status), ql_id(session_id), ql_id(build), ql_id(platform) FROM ${reader}`);
  await step('update', `UPDATE events SET line = events.rowid - f.first + 1
    FROM (SELECT file_id, min(rowid) AS first FROM events GROUP BY file_id) f WHERE events.file_id = f.file_id`);
}
await step('commit', 'COMMIT');
const wall = performance.now() - t0;
const cpu = cpuMs(process.cpuUsage(c0));
await step('checkpoint', 'CHECKPOINT');
const h = await db.one(`SELECT count(*)::VARCHAR AS n, sum(hash(file_id, line, ts, player_id, quest_id, status,
  session_id, build, platform))::VARCHAR AS h, max(line)::VARCHAR AS maxline FROM events`);
db.close();
rmSync(work, { recursive: true, force: true });
console.log(variant, Math.round(wall), Math.round(cpu), steps.join(' '), JSON.stringify(h));
