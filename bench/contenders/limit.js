// Reference `limit` (issue 13): the engine's own one-shot query. One DuckDB statement reads every input file and
// computes the per-quest figures under questlog's rules (bench/contenders/limit.sql); nothing is stored. questlog's
// own cost without publish is measured against this: what the ledger, line accounting, stored state and history add.
import { readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { report, stopwatch } from './common.js';
import { applySettings, canonicalFromSnapshot } from './duck.js';

const spec = JSON.parse(process.argv[2] ?? '{}');
const lib = (name) => import(pathToFileURL(join(spec.pkg, 'dist', `${name}.js`)).href);
const [{ Db, literal, sqlFile }] = await Promise.all([lib('engine/db')]);
const lap = stopwatch();
for (const f of [spec.db, `${spec.db}.wal`]) rmSync(f, { force: true });
const s = spec.settings;
const db = await Db.open(':memory:', { threads: s.threads, memoryLimit: s.memory_limit });
await applySettings(db, s);
// The status enum (the same-instant tie order) and the parsing macros questlog's ingest uses.
await db.run("CREATE TYPE quest_status AS ENUM ('accepted', 'declined', 'completed', 'abandoned', 'failed')");
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
const sql = readFileSync(new URL('./limit.sql', import.meta.url), 'utf8').replaceAll('{{READER}}', reader);
const rows = await db.all(sql);
lap('query');
await writeFile(spec.out, JSON.stringify(canonicalFromSnapshot(rows)));
db.close();
report(lap, { quests: rows.length });
