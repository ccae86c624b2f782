// Variants of state/quest_state.sql (round 7, ingest13), one per process, on a copy of an ingested database (made by
// ../state-prof.mjs --make). Prints wall and process CPU ms, the row count and a hash of the intervals (equal hash =
// same rows); --explain prints EXPLAIN ANALYZE. Q=ins inserts into state_intervals and commits (as the refresh does),
// else a temp table is filled. Each <variant>.sql here sets up the view `v` (and may redefine the macro); all but
// vcarry use the macro as it was at a678b2c (macros-a678b2c.sql), vcarry the two-argument one of 47b86e2.
// Usage: node quest-state-variants.mjs <variant> [--explain] <ingested.duckdb>
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
const here = import.meta.dirname;
const args = process.argv.slice(2);
const explain = args.includes('--explain');
const [variant, source] = args.filter((a) => a !== '--explain');
const work = mkdtempSync(join(tmpdir(), 'qs-'));
const path = join(work, 'qs.duckdb');
copyFileSync(resolve(source), path);
const inst = await DuckDBInstance.create(path, { threads: '2', memory_limit: '6GB', temp_directory: join(work, 'tmp') });
const c = await inst.connect();
await c.run("SET TimeZone='UTC'");
await c.run(readFileSync(join(here, 'macros-a678b2c.sql'), 'utf8'));
await c.run('SET preserve_insertion_order=false'); await c.run("SET force_compression='dictionary'");
const V = {
  base: `CREATE TEMP TABLE out AS SELECT * FROM ql_state_intervals(${variant === 'vcarry' ? "'v', 'state_no_carry'" : "'v'"})`,
};
await c.run(readFileSync(join(here, `${variant}.sql`), 'utf8'));
const q = process.env.Q === 'ins' ? `INSERT INTO state_intervals SELECT *, 1 AS refresh FROM ql_state_intervals(${variant === 'vcarry' ? "'v', 'state_no_carry'" : "'v'"})` : V.base;
const cpu0 = process.cpuUsage(); const t = performance.now();
if (explain) {
  const r = await c.runAndReadAll(`EXPLAIN ANALYZE ${q}`);
  console.log(r.getRows().map((x) => x[1]).join('\n'));
} else { await c.run('BEGIN'); await c.run(q); await c.run('COMMIT'); }
const cu = process.cpuUsage(cpu0);
const h = (await c.runAndReadAll('SELECT count(*)::VARCHAR, sum(hash(valid_from, valid_to, bucket, completion_seconds, attempts, anomaly, last_accept))::VARCHAR FROM ' + (process.env.Q === 'ins' ? 'state_intervals' : 'out'))).getRows()[0];
console.log(variant, 'wall', Math.round(performance.now() - t), 'cpu', Math.round((cu.user + cu.system) / 1000), h.join(' '));
c.closeSync();
rmSync(work, { recursive: true, force: true });
