// The publish step alone, as the nightly runs it, in its own process per arm: each build's `publish` of one date
// from a database a nightly left (opened read-only), into an empty folder, with the extras and without (arms
// alternating, order flipped every rep). Prints each run's process CPU (user + system, every thread) and wall, then
// per build the medians and the paired (with / without) ratio per rep.
//   node bench/results/issue15/pub-cpu.mjs DB DATE REPS OUTDIR DIST=label[=DB] [DIST=label[=DB] ...] [--on-only]
// (a build given its own DB publishes that database: e.g. each build's rows as its own nightly stored them;
// --on-only: the arms with the extras only, builds paired per rep).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

if (process.argv[2] === '--child') {
  const spec = JSON.parse(process.argv[3]);
  const t0 = performance.now();
  const { Db } = await import(`${spec.dist}/engine/db.js`);
  const { publish } = await import(`${spec.dist}/publish/publish.js`);
  const db = await Db.open(spec.db, { readOnly: true });
  const alerts = [{ metric: 'conversion_rate', direction: 'down', min_change: 0.05, scope: 'any quest' }];
  await publish(db, { out: spec.out, asOf: spec.date, alerts, extras: spec.extras }, { log() {} });
  db.close();
  const c = process.cpuUsage();
  console.log(JSON.stringify({ cpu: Math.round((c.user + c.system) / 1000), wall: Math.round(performance.now() - t0) }));
  process.exit(0);
}
const onOnly = process.argv.includes('--on-only');
const [dbFile, date, reps, outDir, ...dists] = process.argv.slice(2).filter((a) => a !== '--on-only');
const builds = dists.map((d) => {
  const [dir, label = dir, db = dbFile] = d.split('=');
  return { dist: resolve(dir), label, db: resolve(db) };
});
const runs = [];
for (let r = 0; r < Number(reps); r++) {
  const arms = builds.flatMap((b) => (onOnly ? [true] : [true, false]).map((extras) => ({ ...b, extras })));
  if (r % 2) arms.reverse();
  for (const a of arms) {
    const out = join(outDir, 'site');
    rmSync(out, { recursive: true, force: true });
    const spec = { dist: a.dist, db: a.db, out, date, extras: a.extras };
    const line = execFileSync(process.execPath, [import.meta.filename, '--child', JSON.stringify(spec)], { encoding: 'utf8' });
    const x = JSON.parse(line.trim().split('\n').pop());
    const load = Number((await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
    runs.push({ rep: r, label: a.label, extras: a.extras, ...x, load });
    console.log(`rep ${r + 1} ${a.label} extras ${a.extras ? 'on ' : 'off'}: cpu ${x.cpu} ms, wall ${x.wall} ms, load ${load}`);
  }
}
rmSync(join(outDir, 'site'), { recursive: true, force: true });
const med = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
if (onOnly) {
  const of = (b) => runs.filter((x) => x.label === b.label).map((x) => x.cpu);
  const [a, ...rest] = builds;
  for (const b of rest) {
    const d = of(b).map((x, i) => x - of(a)[i]);
    console.log(`${b.label} - ${a.label}: medians ${med(of(b))} - ${med(of(a))} ms; paired per rep ${d.join(' ')} ms, median ${med(d)}`);
  }
}
for (const b of onOnly ? [] : builds) {
  const of = (e) => runs.filter((x) => x.label === b.label && x.extras === e);
  const on = med(of(true).map((x) => x.cpu));
  const off = med(of(false).map((x) => x.cpu));
  const paired = of(true).map((x, i) => x.cpu - of(false)[i].cpu);
  console.log(
    `${b.label}: median cpu ${on} ms with extras, ${off} without (+${on - off} ms); paired differences ${paired.join(' ')} ms, median ${med(paired)}`,
  );
}
