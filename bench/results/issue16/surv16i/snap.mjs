// Runs computeSnapshots (the nightly's snapshot phase: state refresh, figures, segments, survival, chains) for DATE on
// DB with PKG's build, in this process (BACKFILL=1: every day up to DATE, as a full rebuild does); prints its log
// lines, wall and process CPU.
//   node snap.mjs PKG DB DATE
import { readFileSync } from 'node:fs';
const [pkg, path, date] = process.argv.slice(2);
const { Db } = await import(`${pkg}/dist/engine/db.js`);
const { computeSnapshots } = await import(`${pkg}/dist/engine/snapshot.js`);
const db = await Db.open(path, { threads: 2, memoryLimit: '5GB', tempDirectory: `${path}.tmp` });
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
// TRACE=1: each statement of the run that takes ≥ 100 ms wall, with its first words (which file it is).
const traced = [];
if (process.env.TRACE === '1') {
  const run = db.run.bind(db);
  db.run = async (sql, params) => {
    const c = process.cpuUsage(); const t = performance.now();
    const r = await run(sql, params);
    const ms = performance.now() - t; const cu = process.cpuUsage(c);
    const head = sql.split('\n').find((l) => /^(CREATE|INSERT|DELETE|DROP|WITH|SELECT|UPDATE)/.test(l)) ?? sql.slice(0, 60);
    if (ms >= 100) traced.push(`  ${ms.toFixed(0)} ms wall ${((cu.user + cu.system) / 1000).toFixed(0)} ms cpu: ${head.slice(0, 90)}`);
    return r;
  };
}
const l0 = load();
const c0 = process.cpuUsage();
const t0 = performance.now();
const lines = [];
await computeSnapshots(db, { asOf: date, backfill: process.env.BACKFILL === '1' }, { log: (l) => lines.push(l) });
const c = process.cpuUsage(c0);
console.log(lines.join('\n'));
if (traced.length) console.log(traced.join('\n'));
console.log(`snapshot phase ${(performance.now() - t0).toFixed(0)} ms wall ${((c.user + c.system) / 1000).toFixed(0)} ms cpu load ${l0} -> ${load()}`);
db.close();
