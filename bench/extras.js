// What survival times, chain funnels and changes add to the nightly (issue 15's target: at most 20% more than
// without them). Usage:
//   npm run build && node bench/extras.js [--size 1m] [--reps 4] [--history 14] [--pkg DIR]... [--data bench/data]
// Setup (once per size, kept in <data>/run/extras-<size>/): the size's Parquet events are split at day D, the last day
// that still brings at least 1% of the events seen before it (later days are left out); events before D go to
// history.parquet, day D to new-day.ndjson. A database gets the catalogue, the history and the snapshots of the
// `history` days before D (so the nightly's changes compare with a stored snapshot and list earlier comparisons).
// Each rep copies that database and runs, in a child process per arm, the library's `nightly` for D exactly as cron
// would (ingest of both sources: the history unchanged, the new day loaded; state, snapshot, read copy, publish into
// an empty folder), once with the extras (`extras: true`, the default) and once without (`extras: false`: no
// survival or chain rows stored, no survival, chain or changes reads or files published). Arms alternate within each
// rep, their order flipped every rep. Each child reports its own process CPU (user + system, every thread: DuckDB's
// included) and wall time; the log line of its snapshot says what survival and chains cost inside it.
// Each --pkg is a package root (default this one) frozen aside first (dist, SQL, schemas, templates), so a rebuild
// during the run changes nothing; several --pkg compare builds A/B in the same minutes. Prints medians and the
// 1-minute load average at each run, and the median of each rep's paired ratio; writes the raw runs to
// <data>/run/extras-<size>/runs.json (`--summarize` prints the summary of that file again without running).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureDataset } from './lib/datasets.js';
import { freeze, prepareNightly } from './lib/nightly-setup.js';
import { runChild } from './lib/spawn.js';

const ROOT = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '1m' },
    reps: { type: 'string', default: '4' },
    history: { type: 'string', default: '14' },
    pkg: { type: 'string', multiple: true },
    data: { type: 'string', default: join(ROOT, 'bench/data') },
    child: { type: 'string' },
    summarize: { type: 'boolean', default: false },
  },
});

if (args.child) {
  await child(JSON.parse(args.child));
} else if (args.summarize) {
  const file = join(resolve(args.data), 'run', `extras-${args.size}`, 'runs.json');
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  summarize(saved.runs, saved.pkgs, (line) => process.stderr.write(`${line}\n`));
} else {
  await main();
}

/** One timed nightly (in its own process): prints {cpuMs, wallMs, snapshotLine} as its last line. */
async function child(spec) {
  const t0 = performance.now();
  const lib = (name) => import(pathToFileURL(join(spec.pkg, 'dist', `${name}.js`)).href);
  const [{ nightly }, { normalizeConfig }] = await Promise.all([lib('jobs/nightly'), lib('config')]);
  const config = normalizeConfig(spec.config, spec.dir);
  const lines = [];
  const effects = { log: (line) => lines.push(line) };
  await nightly({ db: spec.db, config, asOf: spec.date, out: spec.out, extras: spec.extras }, effects);
  const cpu = process.cpuUsage();
  const snapshotLine = lines.find((l) => l.startsWith('snapshots:')) ?? '';
  const publishLine = lines.find((l) => /^publish/.test(l) && /ms/.test(l)) ?? '';
  process.stdout.write(
    `${JSON.stringify({
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      innerWallMs: Math.round(performance.now() - t0),
      snapshotLine,
      publishLine,
    })}\n`,
  );
}

async function main() {
  const log = (line) => process.stderr.write(`${line}\n`);
  const dataRoot = resolve(args.data);
  const work = join(dataRoot, 'run', `extras-${args.size}`);
  mkdirSync(work, { recursive: true });
  const pkgs = (args.pkg ?? [ROOT]).map((p, i) => freeze(resolve(p), join(work, `pkg-${i + 1}`), ROOT));
  const dataset = await ensureDataset(dataRoot, args.size, ['parquet'], { pkg: pkgs[0], log });
  const setup = await prepareNightly(work, dataset, pkgs[0], Number(args.history), log);
  const runs = [];
  const reps = Number(args.reps);
  for (let rep = 0; rep < reps; rep++) {
    const arms = pkgs.flatMap((pkg, p) => [true, false].map((extras) => ({ pkg, p, extras })));
    if (rep % 2 === 1) arms.reverse();
    for (const arm of arms) {
      const db = join(work, 'run.duckdb');
      const out = join(work, 'site');
      for (const f of [db, `${db}.wal`, `${db}.read`, `${db}.lock`]) rmSync(f, { force: true });
      rmSync(out, { recursive: true, force: true });
      cpSync(setup.db, db);
      const spec = { pkg: arm.pkg, dir: work, db, out, date: setup.date, extras: arm.extras, config: setup.config };
      const r = await runChild(process.execPath, [import.meta.filename, '--child', JSON.stringify(spec)]);
      const row = { rep, pkg: arm.p + 1, extras: arm.extras, ...r };
      runs.push(row);
      log(
        `rep ${rep + 1} pkg ${row.pkg} extras ${arm.extras ? 'on ' : 'off'}: cpu ${r.cpuMs} ms, wall ${r.wallMs} ms, ` +
          `load ${r.load1.toFixed(2)} | ${r.snapshotLine}`,
      );
    }
  }
  writeFileSync(join(work, 'runs.json'), JSON.stringify({ date: setup.date, pkgs: args.pkg ?? [ROOT], runs }, null, 1));
  summarize(runs, args.pkg ?? [ROOT], log);
}

/** Per build: median CPU and wall with and without the extras, and the median of each rep's paired CPU ratio. */
function summarize(runs, pkgNames, log) {
  const reps = Math.max(...runs.map((r) => r.rep)) + 1;
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  for (const [p] of pkgNames.entries()) {
    const of = (extras, f) => median(runs.filter((r) => r.pkg === p + 1 && r.extras === extras).map(f));
    const on = of(true, (r) => r.cpuMs);
    const off = of(false, (r) => r.cpuMs);
    const wOn = of(true, (r) => r.wallMs);
    const wOff = of(false, (r) => r.wallMs);
    const loads = runs.filter((r) => r.pkg === p + 1).map((r) => r.load1);
    // Each rep's own pair (with / without, run back to back) is less at the mercy of the machine's load than the
    // medians taken apart.
    const paired = [];
    for (let rep = 0; rep < reps; rep++) {
      const pick = (extras) => runs.find((r) => r.rep === rep && r.pkg === p + 1 && r.extras === extras)?.cpuMs;
      paired.push(pick(true) / pick(false));
    }
    log(
      `pkg ${p + 1} (${pkgNames[p]}): median cpu ${on} ms with extras, ${off} ms without: ` +
        `+${((on / off - 1) * 100).toFixed(1)}%; wall ${wOn} / ${wOff} ms: +${((wOn / wOff - 1) * 100).toFixed(1)}%; ` +
        `load ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}, ${reps} reps; ` +
        `paired cpu ratios ${paired.map((x) => `+${((x - 1) * 100).toFixed(1)}%`).join(' ')}, ` +
        `median +${((median(paired) - 1) * 100).toFixed(1)}%`,
    );
  }
}
