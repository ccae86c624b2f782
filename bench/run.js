// `npm run bench`: questlog against the engine floor, SQLite the original way and pandas, side by side in one run.
// Usage: node bench/run.js [--sizes 1m,10m] [--huge] [--reps 3] [--slow-reps N] [--contenders questlog,floor,sqlite,pandas,direct,limit,clickhouse]
//        [--formats ndjson,ndjson.gz,csv,parquet] [--no-incremental] [--out bench/results] [--data bench/data] [--smoke]
//        [--merge] [--memory-limit 6GB] [--threads 2] [--incremental-only] [--history-days N]
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startCluster } from './lib/clickhouse-cluster.js';
import { compareStats } from './lib/compare.js';
import { ensureDataset, FORMATS, SIZES } from './lib/datasets.js';
import { takeLock } from './lib/lock.js';
import { markdown, median, ratios, summarize, targets } from './lib/results.js';
import { runChild } from './lib/spawn.js';

const ROOT = resolve(import.meta.dirname, '..');
const PYTHON = '/usr/bin/python3'; // Debian's, which has python3-pandas (a pyenv python on PATH may not)

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1m' },
    huge: { type: 'boolean', default: false },
    reps: { type: 'string', default: '3' },
    'slow-reps': { type: 'string' },
    // Default: the four contenders, plus the direct and limit references on the inputs their targets name (below).
    contenders: { type: 'string' },
    formats: { type: 'string', default: FORMATS.join(',') },
    'no-incremental': { type: 'boolean', default: false },
    // Only the nightly-vs-rebuild part (its rebuild is questlog end to end anyway): how 100M fits in a session.
    'incremental-only': { type: 'boolean', default: false },
    // The nightly's history padded back to N snapshot dates (bench/lib/pad-history.js): a year of history without a
    // year of events. The rebuild still backfills only the days its events cover.
    'history-days': { type: 'string' },
    out: { type: 'string', default: join(ROOT, 'bench/results') },
    data: { type: 'string', default: join(ROOT, 'bench/data') },
    'memory-limit': { type: 'string', default: '6GB' },
    threads: { type: 'string', default: '2' },
    smoke: { type: 'boolean', default: false },
    // Keep the other sizes of an earlier latest.json (each size is still measured within one run).
    merge: { type: 'boolean', default: false },
    // Recompute ratios, targets and the markdown from an existing latest.json, measuring nothing.
    render: { type: 'boolean', default: false },
  },
});

const sizes = args.smoke ? ['smoke'] : args.sizes.split(',').concat(args.huge ? ['100m'] : []);
const reps = args.smoke ? 1 : Number(args.reps);
const contenders = (args.contenders ?? 'questlog,floor,sqlite,pandas,direct,limit').split(',');
const formats = args.formats.split(',');
const dataRoot = resolve(args.data);
const work = join(dataRoot, 'run');
const pkg = join(work, 'pkg');
const settings = {
  threads: Number(args.threads),
  memory_limit: args['memory-limit'],
  temp_directory: join(work, 'duckdb-tmp'),
};
const log = (line) => process.stderr.write(`${line}\n`);

/** A reference's inputs: `some` when it runs by default, every format when --contenders names it. */
function defaultOnly(some) {
  return args.contenders === undefined ? some : formats;
}
/** Default references are left out past 20M events, where no target names them (the 100M run is long enough). */
const byDefault = args.contenders === undefined;

/** The processes a contender runs as, and which inputs it takes. */
const CONTENDERS = {
  questlog: { cmd: process.execPath, script: 'bench/contenders/questlog.js', formats },
  floor: { cmd: process.execPath, script: 'bench/contenders/floor.js', formats },
  // References, run by default on the inputs issue 13's targets name (NDJSON ingest against direct's; questlog without
  // publish against limit from NDJSON and Parquet): a few seconds at 1M, so every report states those targets. Named
  // in --contenders, they run on every format given.
  // direct: bare DuckDB readers, to show what line-exact ingest costs.
  direct: {
    cmd: process.execPath,
    script: 'bench/contenders/direct.js',
    formats: defaultOnly(['ndjson']),
    ref: byDefault,
  },
  // limit: one DuckDB query from the files to the figures, nothing stored.
  limit: {
    cmd: process.execPath,
    script: 'bench/contenders/limit.js',
    formats: defaultOnly(['ndjson', 'parquet']),
    ref: byDefault,
  },
  sqlite: { cmd: process.execPath, script: 'bench/contenders/sqlite.js', formats: ['ndjson'], slow: true },
  pandas: { cmd: PYTHON, script: 'bench/contenders/pd_groupby.py', formats: ['ndjson'], slow: true },
  // Opt-in (--contenders ...,clickhouse): questlog with the ClickHouse engine on a two-shard loopback cluster.
  clickhouse: { cmd: process.execPath, script: 'bench/contenders/clickhouse.js', formats },
};
for (const c of contenders) if (!CONTENDERS[c]) throw new Error(`unknown contender ${c}`);

async function runOne(contender, spec) {
  const c = CONTENDERS[contender];
  return runChild(c.cmd, [join(ROOT, c.script), JSON.stringify(spec)]);
}

async function benchSize(size, meta) {
  const started = performance.now();
  const run = { ...meta, started_at: stamp(), load_start: loadavg() };
  const dataset = await ensureDataset(dataRoot, size, formats, { pkg, incremental: !args['no-incremental'], log });
  log(`${size}: ${dataset.events} events, ${dataset.players} players, ${dataset.quests} quests`);
  const big = dataset.events > 20_000_000;
  const slowReps = Number(args['slow-reps'] ?? (dataset.events > 2_000_000 ? 1 : reps));
  const entries = [];
  for (const name of args['incremental-only'] ? [] : contenders) {
    const c = CONTENDERS[name];
    // Row-by-row SQLite and in-memory pandas at 100M would take hours and more memory than the machine has.
    if ((c.slow || c.ref) && big) continue;
    for (const format of c.formats.filter((f) => formats.includes(f))) entries.push({ contender: name, format });
  }
  // The floor replays what questlog ran on the same input: record it once per format, untimed.
  const replay = {};
  if (contenders.includes('floor') && !args['incremental-only']) {
    for (const format of formats.filter((f) => dataset.inputs[f])) {
      replay[format] = join(work, `replay-${format}.json`);
      await runOne('questlog', {
        ...specFor('questlog', format, dataset, 'record'),
        site: undefined,
        record: replay[format],
      });
    }
  }
  const runs = [];
  const outputs = [];
  for (let rep = 0; rep < reps; rep++) {
    // Alternate: each repetition starts at a different contender, so drifting background load hits all alike.
    const order = entries.map((_, i) => entries[(i + rep) % entries.length]);
    for (const e of order) {
      if (CONTENDERS[e.contender].slow && rep >= slowReps) continue;
      const tag = `${e.contender}-${e.format}-${rep}`;
      const spec = { ...specFor(e.contender, e.format, dataset, tag), replay: replay[e.format] };
      await startFromNothing(spec);
      const r = await runOne(e.contender, spec);
      log(`  ${size} rep ${rep + 1}/${reps} ${e.contender} ${e.format}: ${describeRun(r)}`);
      runs.push({ ...e, rep, ...r });
      outputs.push({ tag, stats: JSON.parse(readFileSync(spec.out, 'utf8')) });
      rmSync(spec.out);
    }
  }
  const mismatches = [];
  for (const o of outputs.slice(1)) {
    const diffs = compareStats(outputs[0].stats, o.stats);
    if (diffs.length) mismatches.push({ expected: outputs[0].tag, actual: o.tag, diffs });
  }
  const summary = summarize(runs);
  const result = {
    size,
    dataset,
    runs,
    summary,
    ratios: ratios(summary, dataset),
    identical: mismatches.length === 0,
    mismatches,
    quests_compared: outputs[0]?.stats.quests.length ?? 0,
  };
  if (dataset.split && contenders.includes('questlog')) result.incremental = await benchIncremental(dataset);
  result.seconds = Math.round((performance.now() - started) / 1000);
  result.run = { ...run, finished_at: stamp(), load_end: loadavg() };
  return result;
}

/** The loopback cluster of the clickhouse contender, started once per run (bench/lib/clickhouse-cluster.js). */
let cluster;

function specFor(contender, format, dataset, tag) {
  const clickhouse =
    contender === 'clickhouse'
      ? { url: cluster.url, urls: cluster.urls, cluster: cluster.cluster, database: `bench_${tag.replace(/\W/g, '_')}` }
      : undefined;
  return {
    clickhouse,
    pkg,
    fresh: true,
    db: join(work, `${contender}.${contender === 'sqlite' ? 'sqlite' : 'duckdb'}`),
    inputs: dataset.inputs[format],
    out: join(work, `${tag}.json`),
    asOf: dataset.lastDay,
    site: join(work, 'site'),
    settings,
    // questlog (so the floor) and direct write their events to the file after ingest, timed as a phase of its own.
    checkpoint: true,
  };
}

/**
 * questlog as built when the run starts, copied aside: a long run must not pick up a rebuild of dist/ half-way (the
 * library reads its SQL, templates and schemas relative to the package root, so those come along).
 */
function freezePackage() {
  rmSync(pkg, { recursive: true, force: true });
  for (const dir of ['dist', 'src/sql', 'src/publish/schemas', 'templates']) {
    if (existsSync(join(ROOT, dir))) cpSync(join(ROOT, dir), join(pkg, dir), { recursive: true });
  }
  // The copy may live outside the project (--data): its imports resolve through this link.
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'), 'dir');
}

/** History in a database, then one new day: `nightly` on a copy of it against a full rebuild, alternating. */
async function benchIncremental(dataset) {
  const { history, lastday } = dataset.split;
  const historyDb = join(work, 'history.duckdb');
  const previous = new Date(Date.parse(`${dataset.split.day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const setup = await runOne('questlog', {
    pkg,
    fresh: true,
    db: historyDb,
    inputs: history,
    out: join(work, 'history.json'),
    asOf: previous,
    // A snapshot per day, as a nightly cron would have left them: the site's history charts carry all of them.
    backfill: true,
    site: join(work, 'site'),
    settings,
  });
  log(`  ${dataset.size} incremental: history loaded in ${(setup.wallMs / 1000).toFixed(1)} s (${setup.rows} events)`);
  const historyDates = args['history-days']
    ? setup.snapshotDates + (await padded(historyDb, Number(args['history-days']), previous))
    : setup.snapshotDates;
  // A nightly finds last night's site and the one before it, which its publish rebuilds in place (src/publish/site-files.ts).
  rmSync(join(work, '.site.old'), { recursive: true, force: true });
  cpSync(join(work, 'site'), join(work, '.site.old'), { recursive: true });
  const nightly = [];
  const full = [];
  const outputs = [];
  const incReps = Math.max(reps, 1);
  for (let rep = 0; rep < incReps; rep++) {
    for (const kind of rep % 2 ? ['full', 'nightly'] : ['nightly', 'full']) {
      const db = join(work, `${kind}.duckdb`);
      if (kind === 'nightly') {
        rmSync(`${db}.wal`, { force: true });
        copyFileSync(historyDb, db);
        if (existsSync(`${historyDb}.wal`)) copyFileSync(`${historyDb}.wal`, `${db}.wal`);
        await lastNightsReadCopy(historyDb, `${db}.read`);
      }
      // The copies above leave gigabytes of dirty pages; their writeback must not land inside the timed run.
      execFileSync('sync');
      const spec = {
        pkg,
        fresh: kind === 'full',
        db,
        inputs: kind === 'full' ? [...history, ...lastday] : lastday,
        out: join(work, `${kind}.json`),
        asOf: dataset.split.day,
        // A rebuild must give the same database, history included; the nightly adds one day's snapshot.
        backfill: kind === 'full',
        site: join(work, 'site'),
        settings,
      };
      const r = await runOne('questlog', spec);
      log(`  ${dataset.size} incremental rep ${rep + 1}/${incReps} ${kind}: ${describeRun(r)}`);
      (kind === 'nightly' ? nightly : full).push(r);
      outputs.push(JSON.parse(readFileSync(spec.out, 'utf8')));
    }
  }
  const diffs = outputs.slice(1).flatMap((o) => compareStats(outputs[0], o));
  const phases = (rs) =>
    Object.fromEntries(Object.keys(rs[0].phases).map((k) => [k, median(rs.map((r) => r.phases[k]))]));
  const nMed = median(nightly.map((r) => r.wallMs));
  const fMed = median(full.map((r) => r.wallMs));
  return {
    size: dataset.size,
    history_events: setup.rows,
    history_dates: historyDates,
    history_padded: historyDates - setup.snapshotDates,
    new_events: nightly[0].rows,
    new_share: nightly[0].rows / (setup.rows + nightly[0].rows),
    dirty_players: nightly[0].dirtyPlayers,
    nightly_median_ms: nMed,
    nightly_min_ms: Math.min(...nightly.map((r) => r.wallMs)),
    nightly_max_ms: Math.max(...nightly.map((r) => r.wallMs)),
    full_median_ms: fMed,
    full_min_ms: Math.min(...full.map((r) => r.wallMs)),
    full_max_ms: Math.max(...full.map((r) => r.wallMs)),
    share: nMed / fMed,
    nightly_phases: phases(nightly),
    full_phases: phases(full),
    nightly_peak_rss_mb: Math.round(Math.max(...nightly.map((r) => r.maxRssKB)) / 1024),
    identical: diffs.length === 0,
    mismatches: diffs,
    runs: { nightly, full },
  };
}

/**
 * Pads the history database's snapshots back in time to `days` dates, and publishes its site again (untimed) so the
 * sites the nightly finds hold the padded history, as nightly runs would have left them; returns how many were added.
 */
async function padded(historyDb, days, asOf) {
  const lib = (name) => import(pathToFileURL(join(pkg, 'dist', name)).href);
  const [{ Db }, { publish }, { padHistory }] = await Promise.all([
    lib('engine/db.js'),
    lib('publish/publish.js'),
    import('./lib/pad-history.js'),
  ]);
  const db = await Db.open(historyDb);
  try {
    const added = await padHistory(db, days);
    await publish(db, { out: join(work, 'site'), asOf }, { log: () => {} });
    log(`  history padded with ${added} snapshot dates before the first (${days} in all), site published again`);
    return added;
  } finally {
    db.close();
  }
}

/**
 * Every end-to-end run starts where the first one does: no site, no recycled `.site.old`, no read copy. Before, the
 * runs shared them, so the first two questlog runs of a size wrote a whole site and copied the whole database while
 * the later ones recycled the previous run's files and patched its read copy (1M, round 6: publish 6.4–8.5 s against
 * 4.3 s, by position in the run, not by format). A fresh publish's own time still varies run to run (4.5–9.3 s).
 */
async function startFromNothing(spec) {
  if (!spec.site) return;
  const { readCopySlots } = await import(pathToFileURL(join(pkg, 'dist', 'engine', 'readcopy.js')).href);
  const read = `${spec.db}.read`;
  // Moved aside, not deleted, so no removal of ~9,000 files runs between timed runs; the run folder, trash included,
  // goes when the harness ends.
  const trash = join(work, 'trash');
  mkdirSync(trash, { recursive: true });
  for (const f of [spec.site, join(spec.site, '..', '.site.old'), read, ...readCopySlots(read)]) {
    if (existsSync(f)) renameSync(f, join(trash, `${readdirSync(trash).length}`));
  }
}

/**
 * As the previous nightly leaves it: its read copy published from one slot, the spare slot a night older (here the
 * same history, so it is one day behind instead of two). Without it every rep would time a first-ever whole copy.
 */
async function lastNightsReadCopy(historyDb, target) {
  const { readCopySlots } = await import(pathToFileURL(join(pkg, 'dist', 'engine', 'readcopy.js')).href);
  const [published, spare] = readCopySlots(target);
  for (const slot of [published, spare]) copyFileSync(historyDb, slot);
  rmSync(target, { force: true });
  linkSync(published, target);
}

function describeRun(r) {
  const phases = Object.entries(r.phases)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return `${(r.wallMs / 1000).toFixed(2)} s, ${Math.round(r.maxRssKB / 1024)} MB (${phases} ms)`;
}

function machine() {
  const quiet = (cmd, a) => {
    try {
      return execFileSync(cmd, a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return 'unavailable';
    }
  };
  const pkg = (name) => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  return {
    cpus: cpus().length,
    cpu_model: cpus()[0]?.model ?? 'unknown',
    memory_gb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    duckdb: pkg('@duckdb/node-api'),
    sqlite: `better-sqlite3 ${pkg('better-sqlite3')}`,
    pandas: quiet(PYTHON, ['-c', 'import pandas; print(pandas.__version__)']),
    clickhouse: quiet('clickhouse-client', ['--version']),
  };
}

function writeAtomic(path, text) {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

const stamp = () => new Date().toISOString().slice(0, 19).replace('T', ' ');

function render() {
  const out = resolve(args.out);
  const result = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8'));
  for (const s of result.sizes) {
    s.summary = summarize(s.runs);
    s.ratios = ratios(s.summary, s.dataset);
  }
  result.targets = targets(result.sizes);
  writeAtomic(join(out, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeAtomic(join(out, 'latest.md'), markdown(result));
  log(`rendered ${join(out, 'latest.md')}`);
}

async function main() {
  mkdirSync(dataRoot, { recursive: true });
  takeLock(join(dataRoot, 'run.lock'), work);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  freezePackage();
  const git = (a) => execFileSync('git', a, { cwd: ROOT, encoding: 'utf8' }).trim();
  const meta = {
    command: `node bench/run.js ${process.argv.slice(2).join(' ')}`.trim(),
    commit: git(['rev-parse', '--short', 'HEAD']),
    // Results written by an earlier run of a chain are not changes to what is measured.
    dirty: git(['status', '--porcelain', '--untracked-files=no', '--', '.', ':(exclude)bench/results']) !== '',
  };
  const result = { ...meta, started_at: stamp(), machine: machine(), settings, load: { start: loadavg() }, sizes: [] };
  if (contenders.includes('clickhouse')) {
    cluster = await startCluster();
    log(`clickhouse: two shards at ${cluster.urls.join(', ')}`);
  }
  try {
    for (const size of sizes) result.sizes.push(await benchSize(size, meta));
  } finally {
    await cluster?.stop();
  }
  result.finished_at = stamp();
  result.load.end = loadavg();
  const out = resolve(args.out);
  const previous = join(out, 'latest.json');
  if (args.merge && existsSync(previous)) {
    const old = JSON.parse(readFileSync(previous, 'utf8'));
    const kept = old.sizes
      .filter((s) => !sizes.includes(s.size))
      .map((s) => ({
        ...s,
        run: s.run ?? {
          command: old.command,
          commit: old.commit,
          dirty: old.dirty,
          started_at: old.started_at,
          finished_at: old.finished_at,
          load_start: old.load.start,
          load_end: old.load.end,
        },
      }));
    const order = Object.keys(SIZES);
    result.sizes = [...kept, ...result.sizes].sort((a, b) => order.indexOf(a.size) - order.indexOf(b.size));
  }
  result.targets = targets(result.sizes);
  mkdirSync(out, { recursive: true });
  writeAtomic(previous, `${JSON.stringify(result, null, 2)}\n`);
  writeAtomic(join(out, 'latest.md'), markdown(result));
  rmSync(work, { recursive: true, force: true });
  log(`wrote ${join(out, 'latest.md')}`);
  const bad = result.sizes.flatMap((s) => [
    ...s.mismatches.map((m) => `${s.size}: ${m.actual} differs from ${m.expected}:\n    ${m.diffs.join('\n    ')}`),
    ...(s.incremental && !s.incremental.identical
      ? [`${s.size}: nightly differs from full rebuild: ${s.incremental.mismatches.join('; ')}`]
      : []),
  ]);
  if (bad.length) {
    log(`statistics differ between contenders:\n  ${bad.join('\n  ')}`);
    process.exitCode = 1;
  }
}

if (args.render) render();
else await main();
