// Round 9 (dims14a): the INSERT into event_dimensions in three forms, on a staged table shaped like ql_stage (N rows,
// three quarters events, two dimensions; region empty on a quarter), into a new database file; each form REPS times,
// alternating, wall and process CPU ms per statement. node insert-forms.mjs OUT_DIR [N] [REPS]
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const out = resolve(process.argv[2] ?? '.');
const n = Number(process.argv[3] ?? 1_000_000);
const reps = Number(process.argv[4] ?? 3);
const file = join(out, 'insert-forms.duckdb');
rmSync(file, { force: true });
rmSync(`${file}.wal`, { force: true });
const db = await (await DuckDBInstance.create(file, { threads: '2', memory_limit: '4GB' })).connect();
await db.run(`CREATE TEMP MACRO ql_id(v) AS nullif(trim(v), '')`);
await db.run(`CREATE TABLE event_dimensions (file_id INTEGER NOT NULL, line BIGINT NOT NULL, dimension VARCHAR NOT NULL,
  value VARCHAR NOT NULL)`);
await db.run(`CREATE TEMP TABLE ql_stage AS SELECT 1::INTEGER AS file_id, i + 2 AS line,
  CASE WHEN i % 4 = 3 THEN 'ignored' ELSE 'event' END AS outcome,
  ['eu-west', 'us-east', 'apac', ''][1 + (i // 3) % 4] AS d1, ((hash(i) % 97) // 10)::VARCHAR AS d2,
  [d1, d2] AS dims, [coalesce(ql_id(d1), ''), coalesce(ql_id(d2), '')] AS dims_norm FROM range(${n}) t(i)`);
const forms = {
  unnest: `INSERT INTO event_dimensions SELECT file_id, line, dimension, ql_id(value) AS value FROM (
    SELECT file_id, line, unnest(['region', 'tier']) AS dimension, unnest(dims) AS value FROM ql_stage WHERE outcome = 'event'
  ) WHERE ql_id(value) IS NOT NULL`,
  unnest_once: `INSERT INTO event_dimensions SELECT file_id, line, dimension, value FROM (
    SELECT file_id, line, unnest(['region', 'tier']) AS dimension, ql_id(unnest(dims)) AS value FROM ql_stage WHERE outcome = 'event'
  ) WHERE value IS NOT NULL`,
  normalised_in_stage: `INSERT INTO event_dimensions SELECT file_id, line, dimension, value FROM (
    SELECT file_id, line, unnest(['region', 'tier']) AS dimension, unnest(dims_norm) AS value FROM ql_stage WHERE outcome = 'event'
  ) WHERE value <> ''`,
  union: `INSERT INTO event_dimensions
    SELECT file_id, line, 'region', ql_id(d1) FROM ql_stage WHERE outcome = 'event' AND ql_id(d1) IS NOT NULL
    UNION ALL SELECT file_id, line, 'tier', ql_id(d2) FROM ql_stage WHERE outcome = 'event' AND ql_id(d2) IS NOT NULL`,
};
const ms = Object.fromEntries(Object.keys(forms).map((k) => [k, []]));
const cpu = Object.fromEntries(Object.keys(forms).map((k) => [k, []]));
for (let r = 0; r < reps; r++) {
  for (const [k, sql] of Object.entries(forms)) {
    await db.run('DELETE FROM event_dimensions');
    await db.run('CHECKPOINT');
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await db.run(sql);
    const c = process.cpuUsage(c0);
    ms[k].push(Math.round(performance.now() - t0));
    cpu[k].push(Math.round((c.user + c.system) / 1000));
  }
}
const c = await db.runAndReadAll('SELECT count(*)::INTEGER FROM event_dimensions');
console.log(`rows ${c.getRows()[0][0]}; wall ms`, JSON.stringify(ms), '; cpu ms', JSON.stringify(cpu));
db.closeSync();
rmSync(file, { force: true });
