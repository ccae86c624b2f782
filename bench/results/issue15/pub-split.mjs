// The publish's reads and its writing apart, extras on and off, in one process (arms alternating, order flipped every
// rep): process CPU (user + system, every thread) of loadSiteData and of writeSite into an empty folder, per arm.
//   node bench/results/issue15/pub-split.mjs DIST DB DATE REPS OUTROOT [DIST2 ...]
// DB: a database a nightly left (opened read-only). Each DIST is a build's dist folder; several alternate per rep.
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [dist, dbFile, date, reps, outRoot, ...more] = process.argv.slice(2);
const alerts = [{ metric: 'conversion_rate', direction: 'down', min_change: 0.05 }];
const builds = [];
for (const d of [dist, ...more]) {
  const lib = (m) => import(`${resolve(d)}/${m}.js`);
  const [{ Db }, { loadSiteData, writeSite }] = await Promise.all(['engine/db', 'publish/publish'].map(lib));
  const db = await Db.open(resolve(dbFile), { readOnly: true });
  builds.push({ d, db, loadSiteData, writeSite, runs: { on: [], off: [] } });
}
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
for (let r = 0; r < Number(reps); r++) {
  const arms = builds.flatMap((b) => ['on', 'off'].map((arm) => ({ b, arm })));
  if (r % 2) arms.reverse();
  for (const { b, arm } of arms) {
    const extras = arm === 'on';
    const out = join(outRoot, `site-${process.pid}`);
    rmSync(out, { recursive: true, force: true });
    const c0 = cpu();
    const data = await b.loadSiteData(b.db, { asOf: date, alerts, extras }, { log() {} });
    const c1 = cpu();
    await b.writeSite(data, { out, asOf: date, alerts, extras }, { log() {} });
    const c2 = cpu();
    rmSync(out, { recursive: true, force: true });
    rmSync(`${out}.old`, { recursive: true, force: true });
    b.runs[arm].push({ read: Math.round(c1 - c0), write: Math.round(c2 - c1) });
    const load = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    console.log(`rep ${r + 1} ${b.d} ${arm}: read ${Math.round(c1 - c0)} ms, write ${Math.round(c2 - c1)} ms, load ${load}`);
  }
}
for (const b of builds) {
  const m = (arm, k) => median(b.runs[arm].map((x) => x[k]));
  console.log(
    `${b.d}: read ${m('on', 'read')} / ${m('off', 'read')} ms, write ${m('on', 'write')} / ${m('off', 'write')} ms (on / off medians)`,
  );
}
