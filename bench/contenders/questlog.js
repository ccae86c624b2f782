// Contender 1: questlog end to end through its library, as `nightly` runs it: ingest -> state -> snapshot -> publish.
// With spec.fresh the database starts empty (full rebuild); without, spec.db is an existing history (nightly).
import { rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Db } from '../../dist/db.js';
import { ingest } from '../../dist/ingest.js';
import { migrate } from '../../dist/model.js';
import { publish } from '../../dist/publish.js';
import { computeSnapshots, getSnapshot, refreshState } from '../../dist/stats.js';
import { report, stopwatch } from './common.js';
import { applySettings, canonicalFromSnapshot } from './duck.js';

const spec = JSON.parse(process.argv[2] ?? '{}');
const quiet = { log() {} };
const lap = stopwatch();

if (spec.fresh) for (const f of [spec.db, `${spec.db}.wal`]) rmSync(f, { force: true });
const db = await Db.open(spec.db, {
  threads: spec.settings.threads,
  memoryLimit: spec.settings.memory_limit,
  tempDirectory: spec.settings.temp_directory,
});
await applySettings(db, spec.settings);
await migrate(db);
lap('open');

const summary = await ingest(db, { paths: spec.inputs, format: 'events', cwd: spec.cwd }, quiet);
if (summary.totals.files_failed > 0) throw new Error(`ingest failed: ${summary.files.map((f) => f.error).join('; ')}`);
lap('ingest');
const state = await refreshState(db, quiet);
lap('state');
const [date] = await computeSnapshots(db, { asOf: spec.asOf }, quiet);
lap('snapshot');
const site = spec.site ? await publish(db, { out: spec.site, asOf: date }, quiet) : undefined;
lap('publish');

const snapshot = await getSnapshot(db, date);
await writeFile(spec.out, JSON.stringify(canonicalFromSnapshot(snapshot.quests)));
db.close();
report(lap, {
  rows: summary.totals.lines_read,
  bytes: summary.totals.bytes,
  dirtyPlayers: state.players,
  quests: snapshot.quests.length,
  siteFiles: site?.files ?? 0,
});
