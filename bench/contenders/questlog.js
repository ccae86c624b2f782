// Contender 1: questlog end to end through its library, as `nightly` runs it: ingest -> state -> snapshot -> read
// copy for notebooks -> publish.
// With spec.fresh the database starts empty (full rebuild); without, spec.db is an existing history (nightly).
// spec.pkg is a frozen copy of the built package (others may rebuild dist/ during a long run); spec.record makes this
// an untimed recording run whose statements the floor replays.
import { rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { report, stopwatch } from './common.js';
import { applySettings, canonicalFromSnapshot } from './duck.js';
import { record } from './record.js';

const spec = JSON.parse(process.argv[2] ?? '{}');
const lib = (name) => import(pathToFileURL(join(spec.pkg, 'dist', `${name}.js`)).href);
// The modules each step needs, loaded when it starts, as `questlog nightly` does (src/cli.ts imports the job when the
// verb runs; src/jobs/nightly.ts imports the publisher and the read copy when its publish step starts): their loading
// is counted in the publish phase, not in questlog's cost without publish (issue 13, round 11).
const [{ Db }, { ingest }, { migrate }, { refreshState }, { computeSnapshots }, { getSnapshot }] = await Promise.all(
  ['engine/db', 'ingest/ingest', 'engine/migrate', 'engine/state', 'engine/snapshot', 'engine/read'].map(lib),
);
// BENCH_VERBOSE=1 shows the library's own log lines (on stderr) to see inside a phase.
const quiet = { log: process.env.BENCH_VERBOSE ? (line) => process.stderr.write(`${line}\n`) : () => {} };
const lap = stopwatch();
const recording = spec.record ? record(Db) : undefined;
const phases = {};
const mark = (name) => {
  lap(name);
  if (recording) phases[name] = recording.log.splice(0);
};

if (spec.fresh) for (const f of [spec.db, `${spec.db}.wal`]) rmSync(f, { force: true });
const s = spec.settings;
const db = await Db.open(spec.db, { threads: s.threads, memoryLimit: s.memory_limit, tempDirectory: s.temp_directory });
await applySettings(db, s);
await migrate(db);
mark('open');

const summary = await ingest(db, { paths: spec.inputs, format: 'events', cwd: spec.cwd }, quiet);
if (summary.totals.files_failed > 0) throw new Error(`ingest failed: ${summary.files.map((f) => f.error).join('; ')}`);
mark('ingest');
// spec.checkpoint: the ingested events written to the database file before state starts, timed as its own phase, as
// the direct reference does: each ingest's deferred storage work is then measured where it belongs (run.js).
if (spec.checkpoint) {
  await db.run('CHECKPOINT');
  mark('checkpoint');
}
const state = await refreshState(db, quiet);
mark('state');
// force: the harness names the date, as the nightly does with its default (a date past the data is intended here).
const dates = await computeSnapshots(db, { asOf: spec.asOf, backfill: spec.backfill, force: true }, quiet);
const date = dates.at(-1);
mark('snapshot');
recording?.stop();
// The nightly refreshes the notebooks' read-only copy while it publishes (src/jobs/nightly.ts), the copy starting once
// publish has read its data: both are part of its cost. `readcopy` is the wait for the copy once the site is out (0
// when the copy finished first).
let readsDone = () => {};
const reads = new Promise((r) => (readsDone = r));
const [{ publish }, { startReadCopy }] = spec.site
  ? await Promise.all(['publish/publish', 'engine/readcopy'].map(lib))
  : [{}, {}];
const copy = spec.site ? await startReadCopy(db, `${spec.db}.read`, { after: reads }) : undefined;
const site = spec.site
  ? await publish(db, { out: spec.site, asOf: date, loaded: readsDone }, quiet).finally(readsDone)
  : undefined;
lap('publish');
await copy?.done;
lap('readcopy');

const snapshot = await getSnapshot(db, date);
await writeFile(spec.out, JSON.stringify(canonicalFromSnapshot(snapshot.quests)));
db.close();
if (recording) await writeFile(spec.record, JSON.stringify({ ...phases, date }));
report(lap, {
  rows: summary.totals.lines_read,
  bytes: summary.totals.bytes,
  dirtyPlayers: state.players,
  quests: snapshot.quests.length,
  siteFiles: site?.files ?? 0,
  snapshotDates: dates.length,
});
