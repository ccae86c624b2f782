// The segment pass against the overall snapshot phase (issue 14's target: segments ≤ 1.5× the overall phase), on the
// bench's datasets. Usage: node bench/segments.js [--size 1m] [--reps 3] [--backfill] [--data bench/data]
// Ingests the size's Parquet files once into <data>/run/segments.duckdb (kept for the next run), then computes the
// snapshot of the last day (or every day with --backfill) `reps` times and splits the library's log line
// "snapshots: ... in T ms (segments S ms, survival V ms, chains C ms)": overall = T - S - V - C (days, figures and the
// stored rows), segments = S. Needs `npm run build`.
import { existsSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureDataset } from './lib/datasets.js';

const ROOT = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '1m' },
    reps: { type: 'string', default: '3' },
    backfill: { type: 'boolean', default: false },
    data: { type: 'string', default: join(ROOT, 'bench/data') },
  },
});
const lib = (name) => import(pathToFileURL(join(ROOT, 'dist', `${name}.js`)).href);
const [{ Db }, { ingest }, { migrate }, { computeSnapshots }] = await Promise.all(
  ['engine/db', 'ingest/ingest', 'engine/migrate', 'engine/snapshot'].map(lib),
);

const log = (line) => process.stderr.write(`${line}\n`);
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
  const ms = (name) => Number(new RegExp(`${name} (\\d+) ms`).exec(line)?.[1] ?? 0);
  const total = Number(/ in (\d+) ms/.exec(line)?.[1] ?? Number.NaN);
  const segments = ms('segments');
  const overall = total - segments - ms('survival') - ms('chains');
  rows.push({ rep: rep + 1, overall, segments, ratio: +(segments / overall).toFixed(2), load: +load.toFixed(1), line });
  log(line);
}
db.close();
console.log(JSON.stringify({ size: args.size, backfill: args.backfill, events: dataset.events, rows }, null, 2));
