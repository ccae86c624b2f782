// Contender 2: the floor. The statements questlog ran for ingest, state and snapshot (recorded, see record.js),
// replayed in order through @duckdb/node-api on a fresh database, and nothing else: no fingerprinting, planning,
// file checks, result mapping or publish.
import { readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { report, stopwatch } from './common.js';
import { canonicalFromSnapshot } from './duck.js';
import { decode } from './record.js';

const spec = JSON.parse(process.argv[2] ?? '{}');
const lap = stopwatch();
const recorded = JSON.parse(readFileSync(spec.replay, 'utf8'));

for (const f of [spec.db, `${spec.db}.wal`]) rmSync(f, { force: true });
const s = spec.settings;
const config = { threads: String(s.threads), memory_limit: s.memory_limit, temp_directory: s.temp_directory };
const instance = await DuckDBInstance.create(spec.db, config);
const conn = await instance.connect();
await conn.run("SET TimeZone = 'UTC'");
// questlog's SQL calls its shared macros (Db.open loads them on every connection, outside the recorded statements).
await conn.run(readFileSync(new URL('../../src/sql/stats/macros.sql', import.meta.url), 'utf8'));
if (s.preserve_insertion_order !== undefined)
  await conn.run(`SET preserve_insertion_order = ${s.preserve_insertion_order}`);

for (const phase of ['open', 'ingest', 'checkpoint', 'state', 'snapshot']) {
  // checkpoint: only when the recording run had one (spec.checkpoint).
  if (!recorded[phase]) continue;
  for (const e of recorded[phase]) {
    if (e.kind === 'begin') await conn.run('BEGIN TRANSACTION');
    else if (e.kind === 'commit') await conn.run('COMMIT');
    else if (e.kind === 'rollback') await conn.run('ROLLBACK');
    else if (e.fails) await conn.run(e.sql, decode(e.params)).catch(() => {});
    else if (e.kind === 'all') await conn.runAndReadAll(e.sql, decode(e.params));
    else await conn.run(e.sql, decode(e.params));
  }
  lap(phase);
}

const reader = await conn.runAndReadAll('SELECT * FROM snapshots WHERE snapshot_date = $date::DATE ORDER BY quest_id', {
  date: recorded.date,
});
await writeFile(spec.out, JSON.stringify(canonicalFromSnapshot(reader.getRowObjectsJson())));
conn.closeSync();
instance.closeSync();
report(lap, { statements: Object.values(recorded).flat().length });
