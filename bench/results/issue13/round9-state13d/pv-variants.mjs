// Variants of a rebuild's first-event statements (state/pairs.sql, state/player_values.sql), each timed (wall / process
// CPU ms) in one process on a copy of a rebuilt database, with a hash of the result to check they agree.
//   node pv-variants.mjs REBUILT.duckdb VARIANT...
import { copyFileSync, rmSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [src, ...names] = process.argv.slice(2);
const p = `${src}.pv-${process.pid}.duckdb`;
copyFileSync(src, p);
const inst = await DuckDBInstance.create(p, { threads: '2', memory_limit: '6GB' });
const c = await inst.connect();
await c.run("SET preserve_insertion_order = false; SET force_compression = 'dictionary'");
// state_pairs as a rebuild makes it (pair_first holds exactly those rows after a rebuild).
await c.run('CREATE TEMP TABLE state_pairs AS SELECT player_id, quest_id, first_ts, file_id, line, build, platform FROM main.pair_first');
const key = 'epoch_us(first_ts)::HUGEINT * 18446744073709551616 + file_id::HUGEINT * 8589934592 + line';
const pv = 'SELECT player_id, first_ts, file_id, line, build, platform';
const variants = {
  pv0: `CREATE OR REPLACE TEMP TABLE r AS SELECT player_id, arg_min(first_ts, k) AS first_ts, arg_min(file_id, k) AS file_id, arg_min(line, k) AS line,
    arg_min(build, k) AS build, arg_min(platform, k) AS platform FROM (SELECT *, ${key} AS k FROM state_pairs) GROUP BY player_id`,
  pv1: `CREATE OR REPLACE TEMP TABLE r AS SELECT player_id, f.first_ts, f.file_id, f.line, f.build, f.platform FROM (
    SELECT player_id, arg_min({'first_ts': first_ts, 'file_id': file_id, 'line': line, 'build': build, 'platform': platform}, ${key}) AS f
    FROM state_pairs GROUP BY player_id)`,
  pv2: `CREATE OR REPLACE TEMP TABLE r AS ${pv} FROM (SELECT *, ${key} AS k FROM state_pairs) s
    SEMI JOIN (SELECT player_id, min(${key}) AS k FROM state_pairs GROUP BY player_id) m ON m.player_id = s.player_id AND m.k = s.k`,
  pv3: `CREATE OR REPLACE TEMP TABLE r AS ${pv} FROM state_pairs QUALIFY row_number() OVER (PARTITION BY player_id ORDER BY first_ts, file_id, line) = 1`,
  pairs0: `CREATE OR REPLACE TEMP TABLE r AS SELECT player_id, quest_id, f.ts AS first_ts, f.file_id, f.line, f.build, f.platform FROM (
    SELECT player_id, quest_id, arg_min({'ts': ts, 'file_id': file_id, 'line': line, 'build': build, 'platform': platform}, (ts, file_id, line)) AS f
    FROM main.events GROUP BY player_id, quest_id)`,
  pairs1: `CREATE OR REPLACE TEMP TABLE r AS SELECT player_id, quest_id, arg_min(ts, k) AS first_ts, arg_min(file_id, k) AS file_id, arg_min(line, k) AS line,
    arg_min(build, k) AS build, arg_min(platform, k) AS platform FROM (SELECT *, epoch_us(ts)::HUGEINT * 18446744073709551616 + file_id::HUGEINT * 8589934592 + line AS k FROM main.events) GROUP BY player_id, quest_id`,
  pairs2: `CREATE OR REPLACE TEMP TABLE r AS SELECT player_id, quest_id, f.ts AS first_ts, f.file_id, f.line, f.build, f.platform FROM (
    SELECT player_id, quest_id, arg_min({'ts': ts, 'file_id': file_id, 'line': line, 'build': build, 'platform': platform}, epoch_us(ts)::HUGEINT * 18446744073709551616 + file_id::HUGEINT * 8589934592 + line) AS f
    FROM main.events GROUP BY player_id, quest_id)`,
};
for (const n of names) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await c.run(variants[n]);
  const u = process.cpuUsage(c0);
  const h = (await c.runAndReadAll('SELECT count(*)::BIGINT AS n, sum(hash(*COLUMNS(*)))::VARCHAR AS h FROM r')).getRowObjects()[0];
  console.log(n, `${Math.round(performance.now() - t0)}/${Math.round((u.user + u.system) / 1000)}`, h.n, h.h);
}
c.closeSync();
rmSync(p);
