// Contender: questlog with the ClickHouse engine (engine "clickhouse" in the config) on the two-shard loopback cluster
// the harness starts: local ingest -> events shipped to the cluster -> figures computed on its shards -> stored in the
// local snapshots -> publish, as `nightly` runs it. Each run gets an empty ClickHouse database of its own.
// spec.clickhouse = { url, urls, cluster, database }.
import { rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { report, stopwatch } from './common.js';
import { applySettings, canonicalFromSnapshot } from './duck.js';

const spec = JSON.parse(process.argv[2] ?? '{}');
const lib = (name) => import(pathToFileURL(join(spec.pkg, 'dist', `${name}.js`)).href);
const [{ Db }, { ingest }, { migrate }, { publish }, stats, { normalizeConfig }] = await Promise.all(
  ['engine/db', 'ingest/ingest', 'engine/migrate', 'publish/publish', 'index', 'config'].map(lib),
);
const quiet = { log: process.env.BENCH_VERBOSE ? (line) => process.stderr.write(`${line}\n`) : () => {} };
const ch = spec.clickhouse;
const config = normalizeConfig(
  { engine: { type: 'clickhouse', url: ch.url, shards: ch.urls, cluster: ch.cluster, database: ch.database } },
  spec.cwd ?? process.cwd(),
);
const engine = stats.engineFor(config);

// A fresh start on the cluster too: this run's database is dropped on every shard before it begins.
for (const url of ch.urls) {
  const res = await fetch(`${url}/`, { method: 'POST', body: `DROP DATABASE IF EXISTS \`${ch.database}\`` });
  if (!res.ok) throw new Error(`dropping ${ch.database} on ${url}: ${await res.text()}`);
}
const lap = stopwatch();
for (const f of [spec.db, `${spec.db}.wal`]) rmSync(f, { force: true });
const s = spec.settings;
const db = await Db.open(spec.db, { threads: s.threads, memoryLimit: s.memory_limit, tempDirectory: s.temp_directory });
await applySettings(db, s);
await migrate(db);
lap('open');
const summary = await ingest(db, { paths: spec.inputs, format: 'events', cwd: spec.cwd }, quiet);
if (summary.totals.files_failed > 0) throw new Error(`ingest failed: ${summary.files.map((f) => f.error).join('; ')}`);
lap('ingest');
await engine.syncEvents(db, quiet);
lap('ship');
// force: the harness names the date, as the nightly does with its default (a date past the data is intended here).
const dates = await engine.computeSnapshots(db, { asOf: spec.asOf, backfill: spec.backfill, force: true }, quiet);
const date = dates.at(-1);
lap('snapshot');
const site = spec.site ? await publish(db, { out: spec.site, asOf: date }, quiet) : undefined;
lap('publish');
const snapshot = await stats.getSnapshot(db, date);
await writeFile(spec.out, JSON.stringify(canonicalFromSnapshot(snapshot.quests)));
db.close();
report(lap, {
  rows: summary.totals.lines_read,
  bytes: summary.totals.bytes,
  quests: snapshot.quests.length,
  siteFiles: site?.files ?? 0,
  snapshotDates: dates.length,
});
