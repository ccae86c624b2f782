// The nightly form shared by bench/extras.js and bench/segments.js --nightly: a history database one day before the
// size's last busy day, and package roots frozen aside so a rebuild during a run changes nothing.
import { cpSync, existsSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

/** A package root copied aside (what the library reads relative to it comes along); node_modules linked from `modules`. */
export function freeze(from, to, modules) {
  rmSync(to, { recursive: true, force: true });
  for (const dir of ['dist', 'src/sql', 'src/publish/schemas', 'templates']) {
    if (existsSync(join(from, dir))) cpSync(join(from, dir), join(to, dir), { recursive: true });
  }
  symlinkSync(join(modules, 'node_modules'), join(to, 'node_modules'), 'dir');
  return to;
}

/**
 * The split files and a history database (each made once in `work`; delete them to make them again). The size's
 * Parquet events are split at day D, the last day that still brings at least 1% of the events seen before it (later
 * days are left out); events before D go to history.parquet, day D to new-day.ndjson. The database `name` (made by
 * `pkg`'s build) gets the catalogue, the history and the snapshots of the `historyDays` days before D. Returns the
 * database, D and the nightly's config (sources `history` and `today`).
 */
export async function prepareNightly(work, dataset, pkg, historyDays, log, name = 'setup.duckdb') {
  const history = join(work, 'history.parquet');
  const newDay = join(work, 'new-day.ndjson');
  const db = join(work, name);
  const config = {
    db: 'run.duckdb',
    catalogue: join(dataset.inputs.parquet[0], '..', '..', 'catalogue.csv'),
    sources: {
      history: { format: 'events', paths: [history] },
      today: { format: 'events', paths: [newDay] },
    },
    alerts: [{ metric: 'conversion_rate', direction: 'down', min_change: 0.05 }],
  };
  const dateFile = join(work, 'date.json');
  const date = existsSync(dateFile) ? JSON.parse(readFileSync(dateFile, 'utf8')).date : await split(dataset, work, log);
  if (!existsSync(db)) await historyDatabase(db, date, config, pkg, historyDays, work, log);
  return { db, date, config };
}

/** Splits the size's events at day D (see prepareNightly); returns D. */
async function split(dataset, work, log) {
  const history = join(work, 'history.parquet');
  const newDay = join(work, 'new-day.ndjson');
  const duck = await (await DuckDBInstance.create(':memory:')).connect();
  const files = `[${dataset.inputs.parquet.map((f) => `'${f}'`).join(', ')}]`;
  await duck.run(`CREATE TABLE e AS SELECT * FROM read_parquet(${files})`);
  const reader = await duck.runAndReadAll(
    `WITH d AS (SELECT ts::DATE AS day, count(*) AS n FROM e GROUP BY 1),
     c AS (SELECT day, n, sum(n) OVER (ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before FROM d)
     SELECT max(day)::VARCHAR AS day FROM c WHERE n >= 0.01 * before`,
  );
  const date = reader.getRowObjects()[0].day;
  await duck.run(`COPY (SELECT * FROM e WHERE ts < DATE '${date}' ORDER BY ts) TO '${history}' (FORMAT parquet)`);
  await duck.run(
    `COPY (SELECT * FROM e WHERE ts >= DATE '${date}' AND ts < DATE '${date}' + 1 ORDER BY ts) TO '${newDay}' (FORMAT json)`,
  );
  duck.closeSync();
  log(`split at ${date}: ${history}, ${newDay}`);
  writeFileSync(join(work, 'date.json'), JSON.stringify({ date }));
  return date;
}

/** The history database: catalogue, history and the snapshots of the `historyDays` days before `date`. */
async function historyDatabase(db, date, config, pkg, historyDays, work, log) {
  const history = join(work, 'history.parquet');
  const lib = (name) => import(pathToFileURL(join(pkg, 'dist', `${name}.js`)).href);
  const [{ Db }, { migrate }, { ingest }, { loadCatalogue }, { computeSnapshots }] = await Promise.all(
    ['engine/db', 'engine/migrate', 'ingest/ingest', 'ingest/catalogue', 'engine/snapshot'].map(lib),
  );
  // Made aside and renamed when complete: a run stopped halfway leaves no database that looks ready.
  const part = `${db}.part`;
  for (const f of [part, `${part}.wal`]) rmSync(f, { force: true });
  const handle = await Db.open(part);
  await migrate(handle);
  const quiet = { log: () => {} };
  await loadCatalogue(handle, config.catalogue);
  await ingest(handle, { paths: [history], format: 'events', cwd: work }, quiet);
  const day = (k) => new Date(Date.parse(date) - k * 86_400_000).toISOString().slice(0, 10);
  for (let k = historyDays; k >= 1; k--) await computeSnapshots(handle, { asOf: day(k) }, quiet);
  handle.close();
  renameSync(part, db);
  log(`history database ${db}: snapshots ${day(historyDays)} .. ${day(1)}`);
}
