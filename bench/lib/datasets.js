// Benchmark data from questlog's own deterministic generator, written once per size and reused while its options
// are unchanged (a manifest beside the files records them).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance, listValue } from '@duckdb/node-api';

/**
 * Shapes per size: 5–20 events per player-quest, players and quests in the ranges a real game has. `meanQuests`
 * (quests a player meets) sets players = events / (meanQuests * ~12.8).
 */
export const SIZES = {
  smoke: { events: 3_000, quests: 12, meanQuests: 4, days: 20, shards: 2 },
  '1m': { events: 1_000_000, quests: 1000, meanQuests: 1.6, days: 45, shards: 4 },
  '10m': { events: 10_000_000, quests: 1000, meanQuests: 3, days: 45, shards: 8 },
  // 100M as the issue allows: Parquet only (history + one new day), no 15 GB of NDJSON.
  '100m': { events: 100_000_000, quests: 5000, meanQuests: 8, days: 60, shards: 16, parquetOnly: true },
};

/** Input formats a contender can read; plain text files are what MB/s is measured on. */
export const FORMATS = ['ndjson', 'ndjson.gz', 'csv', 'parquet'];

const COMMON = { seed: 42, minEvents: 5, maxEvents: 20, unknownQuests: 0, unreleasedQuests: 0, idle: 0.03 };

/**
 * Makes (or reuses) the data for `size` under `root/<size>` and returns the file lists per format, the split
 * history/last-day files for the incremental run, and byte counts.
 */
export async function ensureDataset(root, size, formats, { pkg, incremental = false, log = () => {} } = {}) {
  const shape = SIZES[size];
  if (!shape) throw new Error(`unknown size ${size} (sizes: ${Object.keys(SIZES).join(', ')})`);
  const dir = join(root, size);
  const { parquetOnly, ...rest } = shape;
  const base = { ...COMMON, ...rest };
  const jobs = [];
  const plain = parquetOnly ? ['parquet'] : formats.filter((f) => f !== 'ndjson.gz');
  // Uncompressed NDJSON is always made (but at 100M): it is what ingest MB/s is stated against.
  if (!plain.includes('ndjson') && !parquetOnly) plain.unshift('ndjson');
  jobs.push({ key: 'plain', opts: { ...base, formats: plain, gzip: false } });
  if (formats.includes('ndjson.gz') && !parquetOnly)
    jobs.push({ key: 'gz', opts: { ...base, formats: ['ndjson'], gzip: true } });
  if (incremental && !plain.includes('parquet')) plain.push('parquet');
  const made = {};
  const { generateDemoData } = await import(pathToFileURL(join(pkg, 'dist/demo/generate.js')).href);
  for (const job of jobs) made[job.key] = await ensure(join(dir, job.key), job.opts, generateDemoData, log);

  const pick = (key, sub, re) => (made[key]?.files ?? []).filter((f) => f.startsWith(`${sub}/`) && re.test(f));
  const abs = (key, files) => files.map((f) => join(dir, key, f));
  const inputs = {};
  for (const f of formats) {
    inputs[f] =
      f === 'ndjson.gz'
        ? abs('gz', pick('gz', 'ndjson', /\.gz$/))
        : abs('plain', pick('plain', f, /events-\d+|events\./));
  }
  const ndjsonBytes = inputs.ndjson ? sum(inputs.ndjson) : sum(abs('plain', pick('plain', 'ndjson', /\.ndjson$/)));
  const dataset = {
    size,
    shape: base,
    events: made.plain.events,
    players: made.plain.players,
    quests: made.plain.quests,
    lastDay: lastDay(base),
    inputs,
    bytes: Object.fromEntries(Object.entries(inputs).map(([f, files]) => [f, sum(files)])),
    ndjsonBytes,
  };
  if (incremental)
    dataset.split = await splitNewDay(join(dir, 'split'), abs('plain', pick('plain', 'parquet', /\.parquet$/)), log);
  return dataset;
}

/**
 * Parquet history plus one new day of gzip NDJSON, as a nightly sees it. Players join during the first three quarters
 * of the generated period, so its last day is nearly empty: the new day is the last one that still brings at least 1%
 * of the events seen so far, and anything after it is left out.
 */
async function splitNewDay(dir, parquet, log) {
  const manifest = join(dir, 'manifest.json');
  if (existsSync(manifest)) {
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    if (JSON.stringify(m.from) === JSON.stringify(parquet) && [...m.history, ...m.lastday].every(existsSync)) return m;
  }
  log(`splitting ${dir} ...`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const conn = await instance.connect();
  await conn.run("SET TimeZone = 'UTC'");
  const days = (
    await conn.runAndReadAll(
      `SELECT ts::DATE::VARCHAR AS day, count(*)::DOUBLE AS n FROM read_parquet($files) GROUP BY 1 ORDER BY 1`,
      { files: listValue(parquet) },
    )
  ).getRowObjectsJson();
  let seen = 0;
  let day = days.at(-1).day;
  for (const d of days) {
    seen += d.n;
    if (d.n / seen >= 0.01) day = d.day;
  }
  const history = [];
  const lastday = [];
  for (const [i, file] of parquet.entries()) {
    const n = String(i + 1).padStart(3, '0');
    history.push(join(dir, `history-${n}.parquet`));
    lastday.push(join(dir, `newday-${n}.ndjson.gz`));
    const from = `SELECT * FROM read_parquet(${literal(file)})`;
    await conn.run(
      `COPY (${from} WHERE ts < $day::DATE ORDER BY ts) TO ${literal(history.at(-1))} (FORMAT parquet, COMPRESSION zstd)`,
      { day },
    );
    await conn.run(
      `COPY (${from} WHERE ts >= $day::DATE AND ts < $day::DATE + 1 ORDER BY ts) TO ${literal(lastday.at(-1))} (FORMAT json, COMPRESSION gzip)`,
      { day },
    );
  }
  conn.closeSync();
  instance.closeSync();
  const m = { from: parquet, day, history, lastday };
  writeManifest(manifest, m);
  return m;
}

/**
 * Temp + rename: bench data is often a hard-linked copy of another worktree's, and writing the manifest in place would
 * change that tree's manifest too (and make it regenerate its data for nothing).
 */
function writeManifest(path, m) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(m, null, 2));
  renameSync(tmp, path);
}

const literal = (s) => `'${s.replaceAll("'", "''")}'`;

async function ensure(dir, opts, generateDemoData, log) {
  const manifest = join(dir, 'manifest.json');
  const want = JSON.stringify(opts);
  if (existsSync(manifest)) {
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    if (JSON.stringify(m.options) === want && m.summary.files.every((f) => existsSync(join(dir, f)))) return m.summary;
  }
  log(`generating ${dir} ...`);
  const summary = await generateDemoData({ ...opts, out: dir }, { log: () => {} });
  log(`  ${summary.events} events, ${summary.players} players, ${summary.quests} quests in ${summary.ms} ms`);
  writeManifest(manifest, { options: opts, summary });
  return summary;
}

function sum(files) {
  return files.reduce((n, f) => n + statSync(f).size, 0);
}

function lastDay(shape) {
  const start = Date.parse(`${shape.start ?? '2026-11-09'}T00:00:00Z`);
  return new Date(start + (shape.days - 1) * 86_400_000).toISOString().slice(0, 10);
}
