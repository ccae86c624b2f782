// One nightly as bench/extras.js's child runs it, with the process CPU (user + system, all threads) read at each of
// its log lines: where the extras' CPU goes, step by step. Usage (a copy of the extras setup database is made):
//   node bench/results/issue15/step-cpu.mjs PKG WORK on|off [OUT.json]
// WORK = <data>/run/extras-10m (setup.duckdb, date.json, history.parquet, new-day.ndjson).
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkg, work, arm, outFile] = process.argv.slice(2);
const root = resolve(pkg);
const lib = (name) => import(pathToFileURL(join(root, 'dist', `${name}.js`)).href);
const [{ nightly }, { normalizeConfig }] = await Promise.all([lib('jobs/nightly'), lib('config')]);
const { date } = JSON.parse(readFileSync(join(work, 'date.json'), 'utf8'));
const tmp = join(work, `step-${process.pid}`);
rmSync(tmp, { recursive: true, force: true });
const db = join(tmp, 'run.duckdb');
cpSync(join(work, 'setup.duckdb'), db);
const catalogue = join(work, '..', '..', '10m', 'plain', 'catalogue.csv');
const config = normalizeConfig(
  {
    db: 'run.duckdb',
    catalogue,
    sources: {
      history: { format: 'events', paths: [join(work, 'history.parquet')] },
      today: { format: 'events', paths: [join(work, 'new-day.ndjson')] },
    },
    alerts: [{ metric: 'conversion_rate', direction: 'down', min_change: 0.05 }],
  },
  work,
);
const cpu = () => {
  const c = process.cpuUsage();
  return Math.round((c.user + c.system) / 1000);
};
const t0 = performance.now();
const steps = [];
let last = cpu();
const log = (line) => {
  const now = cpu();
  steps.push({ line: line.slice(0, 90), cpuMs: now - last, at: Math.round(performance.now() - t0) });
  last = now;
};
await nightly({ db, config, asOf: date, out: join(tmp, 'site'), extras: arm === 'on' }, { log });
const total = cpu();
for (const s of steps) process.stdout.write(`${String(s.cpuMs).padStart(7)} ms  ${s.line}\n`);
process.stdout.write(`total ${total} ms cpu, ${Math.round(performance.now() - t0)} ms wall, arm ${arm}\n`);
if (outFile) writeFileSync(outFile, JSON.stringify({ arm, total, steps }));
if (!process.env.KEEP) rmSync(tmp, { recursive: true, force: true });
else process.stdout.write(`kept ${db}\n`);
