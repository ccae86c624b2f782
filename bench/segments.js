// The segment pass against the overall snapshot phase (issue 14's target: segments ≤ 1.5× the overall phase), on the
// bench's datasets. Usage:
//   node bench/segments.js [--size 1m] [--reps 3] [--backfill] [--data bench/data]
//   node bench/segments.js --nightly [--size 1m] [--reps 3] [--history 14] [--pkg DIR]... [--data bench/data]
// Default form: ingests the size's Parquet files once into <data>/run/segments.duckdb (kept for the next run), then
// computes the snapshot of the last day (or every day with --backfill) `reps` times and splits the library's log line
// "snapshots: ... in T ms (segments S ms, survival V ms, chains C ms)": overall = T - S - V - C (days, figures and the
// stored rows), segments = S. Needs `npm run build`.
// --nightly: the form a nightly meets, one day added to a history (bench/extras.js's setup, its split files shared with
// it in <data>/run/extras-<size>/; each build makes its own history database there once,
// segments-setup-<folder name>.duckdb, delete it after a change to what the build keeps): each rep copies the build's
// history database and runs, in a child process per build (each --pkg a package root frozen aside, default this one;
// builds alternate, their order flipped every rep), the library's
// `nightly` for the new day without the extras (no survival or chains: the snapshot is overall + segments). Prints per
// night the log line's wall split and the same split by process CPU (the statements of src/sql/segments/ but
// covers.sql, which the figures ask, against the rest of the snapshot phase), less at the mercy of a busy machine, and
// the state refresh's CPU; then the medians per build.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureDataset } from './lib/datasets.js';
import { freeze, prepareNightly } from './lib/nightly-setup.js';
import { runChild } from './lib/spawn.js';

const ROOT = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '1m' },
    reps: { type: 'string', default: '3' },
    backfill: { type: 'boolean', default: false },
    nightly: { type: 'boolean', default: false },
    history: { type: 'string', default: '14' },
    pkg: { type: 'string', multiple: true },
    data: { type: 'string', default: join(ROOT, 'bench/data') },
    child: { type: 'string' },
  },
});
const log = (line) => process.stderr.write(`${line}\n`);

if (args.child) await nightlyChild(JSON.parse(args.child));
else if (args.nightly) await nightlyMain();
else await lastDay();

/** The snapshot line's split: overall = total - segments - survival - chains. */
function split(line) {
  const ms = (name) => Number(new RegExp(`${name} (\\d+) ms`).exec(line)?.[1] ?? 0);
  const total = Number(/ in (\d+) ms/.exec(line)?.[1] ?? Number.NaN);
  const segments = ms('segments');
  return { overall: total - segments - ms('survival') - ms('chains'), segments };
}

async function lastDay() {
  const lib = (name) => import(pathToFileURL(join(ROOT, 'dist', `${name}.js`)).href);
  const [{ Db }, { ingest }, { migrate }, { computeSnapshots }] = await Promise.all(
    ['engine/db', 'ingest/ingest', 'engine/migrate', 'engine/snapshot'].map(lib),
  );
  const dataset = await ensureDataset(resolve(args.data), args.size, ['parquet'], { pkg: ROOT, log });
  const work = join(resolve(args.data), 'run');
  mkdirSync(work, { recursive: true });
  const path = join(work, `segments-${args.size}.duckdb`);
  const fresh = !existsSync(path);
  const db = await Db.open(path, { threads: 2, memoryLimit: '4GB' });
  await migrate(db);
  if (fresh) {
    await ingest(db, { paths: dataset.inputs.parquet, format: 'events', cwd: ROOT }, { log: () => {} });
    log(`ingested ${dataset.events} events into ${path}`);
  }
  const rows = [];
  for (let rep = 0; rep < Number(args.reps); rep++) {
    const lines = [];
    const load = loadavg()[0];
    const opts = args.backfill ? { backfill: true } : { asOf: dataset.lastDay, force: true };
    await computeSnapshots(db, opts, { log: (l) => lines.push(l) });
    const line = lines.find((l) => l.startsWith('snapshots:')) ?? '';
    const { overall, segments } = split(line);
    rows.push({
      rep: rep + 1,
      overall,
      segments,
      ratio: +(segments / overall).toFixed(2),
      load: +load.toFixed(1),
      line,
    });
    log(line);
  }
  db.close();
  console.log(JSON.stringify({ size: args.size, backfill: args.backfill, events: dataset.events, rows }, null, 2));
}

/** The SQL files of a package by their text (sqlFile passes the file's text unchanged). */
function sqlNames(dir, names = new Map(), prefix = '') {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) sqlNames(p, names, `${prefix}${f}/`);
    else if (f.endsWith('.sql')) names.set(readFileSync(p, 'utf8'), `${prefix}${f.slice(0, -4)}`);
  }
  return names;
}

/** One timed nightly (in its own process): prints its figures as one JSON line. */
async function nightlyChild(spec) {
  const lib = (name) => import(pathToFileURL(join(spec.pkg, 'dist', `${name}.js`)).href);
  const [{ nightly }, { normalizeConfig }, { Db }] = await Promise.all(
    ['jobs/nightly', 'config', 'engine/db'].map(lib),
  );
  const names = sqlNames(join(spec.pkg, 'src/sql'));
  const cpu = { state: 0, snapshot: 0, segments: 0 };
  // The snapshot phase: from its first statement (snapshot/range) to its log line, as the line's own timer.
  let inSnapshot = false;
  const segment = (key, sql) =>
    (key.startsWith('segments/') && key !== 'segments/covers') || (!key && /^DROP \w+ temp\.segment_/.test(sql));
  // `one` goes through `all`.
  for (const method of ['run', 'all']) {
    const orig = Db.prototype[method];
    Db.prototype[method] = async function (sql, params) {
      const key = names.get(sql) ?? '';
      if (key === 'snapshot/range') inSnapshot = true;
      const c0 = process.cpuUsage();
      const result = await orig.call(this, sql, params);
      const c = process.cpuUsage(c0);
      const ms = (c.user + c.system) / 1000;
      if (key.startsWith('state/')) cpu.state += ms;
      if (inSnapshot) {
        cpu.snapshot += ms;
        if (segment(key, sql)) cpu.segments += ms;
      }
      return result;
    };
  }
  const lines = [];
  const effects = {
    log: (line) => {
      lines.push(line);
      if (line.startsWith('snapshots:')) inSnapshot = false;
    },
  };
  const config = normalizeConfig(spec.config, spec.dir);
  await nightly({ db: spec.db, config, asOf: spec.date, out: spec.out, extras: false }, effects);
  const total = process.cpuUsage();
  const line = lines.find((l) => l.startsWith('snapshots:')) ?? '';
  const round = (x) => Math.round(x);
  process.stdout.write(
    `${JSON.stringify({
      line,
      cpuMs: round((total.user + total.system) / 1000),
      stateCpu: round(cpu.state),
      segmentsCpu: round(cpu.segments),
      overallCpu: round(cpu.snapshot - cpu.segments),
    })}\n`,
  );
}

async function nightlyMain() {
  const dataRoot = resolve(args.data);
  const work = join(dataRoot, 'run', `extras-${args.size}`);
  mkdirSync(work, { recursive: true });
  const names = args.pkg ?? [ROOT];
  const pkgs = names.map((p, i) => freeze(resolve(p), join(work, `segments-pkg-${i + 1}`), ROOT));
  const dataset = await ensureDataset(dataRoot, args.size, ['parquet'], { pkg: pkgs[0], log });
  // Each build makes its own history database: what its refresh and snapshots keep is what its nightly reads.
  const setups = [];
  for (const [i, pkg] of pkgs.entries()) {
    const name = `segments-setup-${basename(resolve(names[i]))}.duckdb`;
    setups.push(await prepareNightly(work, dataset, pkg, Number(args.history), log, name));
  }
  const runs = [];
  for (let rep = 0; rep < Number(args.reps); rep++) {
    const order = pkgs.map((pkg, p) => ({ pkg, p }));
    if (rep % 2 === 1) order.reverse();
    for (const { pkg, p } of order) {
      const db = join(work, 'segments-run.duckdb');
      const out = join(work, 'segments-site');
      for (const f of [db, `${db}.wal`, `${db}.read`, `${db}.lock`]) rmSync(f, { force: true });
      rmSync(out, { recursive: true, force: true });
      const setup = setups[p];
      cpSync(setup.db, db);
      const spec = { pkg, dir: work, db, out, date: setup.date, config: setup.config };
      const r = await runChild(process.execPath, [import.meta.filename, '--child', JSON.stringify(spec)]);
      const wall = split(r.line);
      const row = {
        rep: rep + 1,
        pkg: p + 1,
        load: +r.load1.toFixed(1),
        ...wall,
        ratio: +(wall.segments / wall.overall).toFixed(2),
        segmentsCpu: r.segmentsCpu,
        overallCpu: r.overallCpu,
        cpuRatio: +(r.segmentsCpu / r.overallCpu).toFixed(2),
        stateCpu: r.stateCpu,
        cpuMs: r.cpuMs,
        wallMs: r.wallMs,
      };
      runs.push(row);
      log(
        `rep ${row.rep} pkg ${row.pkg} load ${row.load}: wall segments ${row.segments} / overall ${row.overall} ms = ` +
          `${row.ratio}; cpu ${row.segmentsCpu} / ${row.overallCpu} ms = ${row.cpuRatio}; state cpu ${row.stateCpu} ms; ` +
          `nightly cpu ${row.cpuMs} ms, wall ${row.wallMs} ms | ${r.line}`,
      );
    }
  }
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const summary = names.map((name, p) => {
    const mine = runs.filter((r) => r.pkg === p + 1);
    const of = (k) => median(mine.map((r) => r[k]));
    const keys = ['segments', 'overall', 'ratio', 'segmentsCpu', 'overallCpu', 'cpuRatio', 'stateCpu', 'cpuMs'];
    return {
      pkg: p + 1,
      root: name,
      medians: Object.fromEntries(keys.map((k) => [k, of(k)])),
      atMost15: { wall: mine.filter((r) => r.ratio <= 1.5).length, cpu: mine.filter((r) => r.cpuRatio <= 1.5).length },
      runs: mine.length,
      load: [Math.min(...mine.map((r) => r.load)), Math.max(...mine.map((r) => r.load))],
    };
  });
  console.log(JSON.stringify({ size: args.size, nightly: setups[0]?.date, summary, runs }, null, 2));
}
