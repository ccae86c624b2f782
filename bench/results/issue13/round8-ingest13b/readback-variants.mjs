// What the NDJSON fast path reads back after its insert (duplicates per file, file_players), from `events` (as
// fast_loaded.sql and fast_players.sql do) or from the staged temp table ql_read, timed in one process after the same
// staged read and insert (inside the batch's transaction, as ingest runs them). Prints wall / CPU ms per statement and
// the results' hashes, which must agree between the variants.
// Usage: [SIZE=10m] node bench/results/issue13/round8-ingest13b/readback-variants.mjs <package root> [hashcol]
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, flag] = process.argv.slice(2);
const lib = (n) => import(pathToFileURL(join(resolve(root), 'dist', `${n}.js`)).href);
const [{ Db, sqlFile, runScript, literal }, { migrate }] = await Promise.all(['engine/db', 'engine/migrate'].map(lib));
const dir = resolve(import.meta.dirname, '../../../data', process.env.SIZE ?? '1m', 'plain', 'ndjson');
const inputs = readdirSync(dir).sort().map((f) => join(dir, f));
const work = mkdtempSync(join(tmpdir(), 'readback-'));
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
const step = async (name, sql) => {
  const t = performance.now();
  const c = process.cpuUsage();
  await db.run(sql);
  steps.push(`${name} ${Math.round(performance.now() - t)}/${Math.round(cpuMs(process.cpuUsage(c)))}`);
};
const reader = `read_ndjson([${inputs.map(literal).join(', ')}], columns = {ts: 'VARCHAR', player_id: 'VARCHAR',
  quest_id: 'VARCHAR', status: 'VARCHAR', session_id: 'VARCHAR', build: 'VARCHAR', platform: 'VARCHAR'},
  maximum_object_size = 1048576)`;
const hcol = flag === 'hashcol' ? ', hash(player_id, quest_id, status, ts) AS h' : '';
await db.run('SET preserve_insertion_order = true');
await step('stage', `CREATE TEMP TABLE ql_read AS SELECT *${hcol} FROM (SELECT file_index::INTEGER AS idx,
  ql_key(player_id) AS player_id, ql_key(quest_id) AS quest_id, ql_status(status) AS status, ql_ts(ts) AS ts,
  ql_id(session_id) AS session_id, ql_id(build) AS build, ql_id(platform) AS platform FROM ${reader})`);
await db.run('SET preserve_insertion_order = false');
await db.run('BEGIN');
await step('first', `CREATE TEMP TABLE ql_first AS SELECT idx, idx + 1 AS file_id, min(rowid) AS first
  FROM ql_read GROUP BY idx`);
await step('insert', `INSERT INTO events SELECT f.file_id, r.rowid - f.first + 1, r.ts, r.player_id, r.quest_id,
  r.status, r.session_id, r.build, r.platform FROM ql_read r JOIN ql_first f USING (idx)`);
const dupSql = (src, key, h) => `CREATE OR REPLACE TEMP TABLE d AS
WITH h AS MATERIALIZED (
  SELECT ${key} AS k, ${h} AS h, count(*) AS n FROM ${src} GROUP BY k, h
), dup AS (
  SELECT e.${key} AS k, count(*) - 1 AS extra
  FROM ${src} e SEMI JOIN (SELECT k, h FROM h WHERE n > 1) c
    ON e.${key} = c.k AND ${h.replace('hash(', 'hash(e.').replaceAll(', ', ', e.')} = c.h
  GROUP BY e.${key}, e.player_id, e.quest_id, e.status, e.ts HAVING count(*) > 1
)
SELECT k, n::BIGINT AS n, coalesce(d.duplicates, 0)::BIGINT AS duplicates
FROM (SELECT k, sum(n) AS n FROM h GROUP BY k) t
LEFT JOIN (SELECT k, sum(extra) AS duplicates FROM dup GROUP BY k) d USING (k)`;
const dupHash = 'hash(player_id, quest_id, status, ts)';
const results = {};
const digest = async (name, sql) => {
  results[name] = (await db.one(sql)).h;
};
for (let r = 0; r < 2; r++) {
  await step('dup-events', dupSql('events', 'file_id', dupHash).replace('FROM events GROUP', 'FROM events WHERE file_id BETWEEN 1 AND 100 GROUP'));
  await digest('dup-events', 'SELECT sum(hash(k - 1, n, duplicates))::VARCHAR AS h FROM d');
  await step('dup-read', dupSql('ql_read', 'idx', dupHash));
  await digest('dup-read', 'SELECT sum(hash(k, n, duplicates))::VARCHAR AS h FROM d');
  if (hcol) {
    await step('dup-readh', dupSql('ql_read', 'idx', 'h').replace('e.h = c.h', 'e.h = c.h'));
    await digest('dup-readh', 'SELECT sum(hash(k, n, duplicates))::VARCHAR AS h FROM d');
  }
  await step('players-events', `CREATE OR REPLACE TEMP TABLE p AS SELECT file_id, player_id, min(ts) AS first_seen
    FROM events WHERE file_id BETWEEN 1 AND 100 GROUP BY file_id, player_id`);
  await digest('players-events', 'SELECT sum(hash(file_id - 1, player_id, first_seen))::VARCHAR AS h FROM p');
  await step('players-read', `CREATE OR REPLACE TEMP TABLE p AS SELECT idx, player_id, min(ts) AS first_seen
    FROM ql_read GROUP BY idx, player_id`);
  await digest('players-read', 'SELECT sum(hash(idx, player_id, first_seen))::VARCHAR AS h FROM p');
}
db.close();
rmSync(work, { recursive: true, force: true });
console.log(flag ?? '-', steps.join(' '), JSON.stringify(results));
