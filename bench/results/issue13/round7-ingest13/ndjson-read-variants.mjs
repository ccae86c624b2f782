// Variants of the NDJSON fast path's staging CTAS (src/sql/ingest/events_fast.sql) over the 1M bench NDJSON, in one
// process, in the order given (repeat names to alternate): wall and process CPU ms, row count and a hash of ql_read.
// Usage: node ndjson-read-variants.mjs cur scan bare nonfc st2 nostatus nots noid cur ...
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
const repo = resolve(import.meta.dirname, '../../../..');
const variants = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), 'rd-'));
const path = join(work, 'rd.duckdb');
const inst = await DuckDBInstance.create(path, { threads: '2', memory_limit: '6GB', temp_directory: join(work, 'tmp') });
const c = await inst.connect();
await c.run("SET TimeZone='UTC'");
for (const m of ['001_events']) await c.run(readFileSync(join(repo, `src/sql/migrations/${m}.sql`), 'utf8'));
await c.run(readFileSync(join(repo, 'src/sql/ingest/macros.sql'), 'utf8'));
await c.run("SET VARIABLE ql_max_id = 200; SET VARIABLE ql_scan = false; SET VARIABLE ql_earliest = TIMESTAMP '2000-01-01'; SET VARIABLE ql_latest = TIMESTAMP '2100-01-01'");
await c.run('SET preserve_insertion_order=true');
const files = [1, 2, 3, 4].map((i) => `'${repo}/bench/data/1m/plain/ndjson/events-00${i}.ndjson'`);
const rd = `read_ndjson([${files}], columns = {ts: 'VARCHAR', player_id: 'VARCHAR', quest_id: 'VARCHAR', status: 'VARCHAR', session_id: 'VARCHAR', build: 'VARCHAR', platform: 'VARCHAR'}, maximum_object_size = 70000)`;
const body = readFileSync(join(repo, 'src/sql/ingest/events_fast.sql'), 'utf8').replaceAll('$paths', `[${files}]`).replaceAll('$long_line', '70000');
await c.run(`CREATE OR REPLACE TEMP MACRO ql_status2(s) AS CASE WHEN s IN ('accepted','completed','declined','abandoned','failed') THEN s ELSE ql_status(s) END::quest_status`);
const V = {
  cur: body,
  scan: `CREATE OR REPLACE TEMP TABLE ql_read AS SELECT count(*) FROM ${rd}`,
  bare: `CREATE OR REPLACE TEMP TABLE ql_read AS SELECT file_index::INTEGER AS idx, * FROM ${rd}`,
  nonfc: body.replaceAll('ql_key(', 'ql_id('),
  st2: body.replace('ql_status(status)', 'ql_status2(status)'),
  nostatus: body.replace('ql_status(status)', "'accepted'::quest_status"),
  nots: body.replace('ql_ts(ts)', "TIMESTAMP '2026-01-01'"),
  noid: body.replace('ql_id(session_id)', 'session_id').replace('ql_id(build)', 'build').replace('ql_id(platform)', 'platform'),
};
for (const v of variants) {
  const cpu0 = process.cpuUsage(); const t = performance.now();
  await c.run(V[v]);
  const cu = process.cpuUsage(cpu0);
  let h = '';
  if (!['scan', 'bare'].includes(v)) h = (await c.runAndReadAll('SELECT count(*)::VARCHAR, sum(hash(idx, ts, player_id, quest_id, status, session_id, build, platform, ok))::VARCHAR FROM ql_read')).getRows()[0].join(' ');
  console.log(v.padEnd(9), 'wall', Math.round(performance.now() - t), 'cpu', Math.round((cu.user + cu.system) / 1000), h);
  await c.run('DROP TABLE IF EXISTS ql_read');
}
c.closeSync();
rmSync(work, { recursive: true, force: true });
