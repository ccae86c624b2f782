// Reference, not one of the four contenders: the engine minimum. Each format read in one DuckDB reader call over all
// files straight into `events` (no raw lines, no per-line rejects or ledger), then questlog's state and snapshot functions.
// It shows what questlog's line-exact ingest costs on top of the bare readers.
import { rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { report, stopwatch } from './common.js';
import { applySettings, canonicalFromSnapshot } from './duck.js';

const spec = JSON.parse(process.argv[2] ?? '{}');
const lib = (name) => import(pathToFileURL(join(spec.pkg, 'dist', `${name}.js`)).href);
const [{ Db, literal, sqlFile }, { migrations }, stats] = await Promise.all([
  lib('engine/db'),
  lib('engine/migrate'),
  lib('index'),
]);
const lap = stopwatch();
for (const f of [spec.db, `${spec.db}.wal`]) rmSync(f, { force: true });
const s = spec.settings;
const db = await Db.open(spec.db, { threads: s.threads, memoryLimit: s.memory_limit, tempDirectory: s.temp_directory });
await applySettings(db, s);
for (const m of migrations()) await db.run(m.sql);
for (const stmt of sqlFile('ingest/macros').split(/;\s*(?:\n|$)/)) {
  if (stmt.replace(/--.*$/gm, '').trim()) await db.run(stmt);
}
lap('open');

const files = `[${spec.inputs.map(literal).join(', ')}]`;
const text =
  "{ts: 'VARCHAR', player_id: 'VARCHAR', quest_id: 'VARCHAR', status: 'VARCHAR', session_id: 'VARCHAR', build: 'VARCHAR', platform: 'VARCHAR'}";
const first = spec.inputs[0] ?? '';
const reader = first.includes('.parquet')
  ? `read_parquet(${files})`
  : first.includes('.csv')
    ? `read_csv(${files}, header = true, columns = ${text})`
    : `read_json(${files}, format = 'newline_delimited', columns = ${text})`;
// The storage settings questlog's ingest writes events under (src/ingest/ingest.ts): insertion order not kept and
// dictionary compression for the text columns. Under DuckDB's defaults the insert left 1.0-2.4 s of CPU to the next
// checkpoint at 1M events, questlog's ingest 0.1-0.35 s (bench/results/issue13/NOTES.md, round 10).
await db.run('SET preserve_insertion_order = false');
await db.run("SET force_compression = 'dictionary'");
await db.run(
  `INSERT INTO events
   SELECT 0, 0, ql_ts(ts::VARCHAR), player_id, quest_id, ql_status(status), session_id, build, platform FROM ${reader}`,
);
await db.run('INSERT INTO file_players SELECT 0, player_id, min(ts) FROM events GROUP BY player_id');
await db.run('INSERT INTO dirty_players SELECT player_id FROM file_players');
await db.run('RESET force_compression');
await db.run('RESET preserve_insertion_order');
await applySettings(db, s);
lap('ingest');
// As questlog with spec.checkpoint: the inserted rows written to the file (compressed) before state, timed apart.
if (spec.checkpoint) {
  await db.run('CHECKPOINT');
  lap('checkpoint');
}
const quiet = { log() {} };
await stats.refreshState(db, quiet);
lap('state');
const [date] = await stats.computeSnapshots(db, { asOf: spec.asOf, force: true }, quiet);
lap('snapshot');
const rows = await db.all('SELECT * FROM snapshots WHERE snapshot_date = $date::DATE ORDER BY quest_id', { date });
await writeFile(spec.out, JSON.stringify(canonicalFromSnapshot(rows)));
db.close();
report(lap, { quests: rows.length });
