// Process CPU of each read the extras add to publish's loadSiteData, in this process, reads alternating per rep.
//   node bench/results/issue15/read-cpu.mjs DIST DB DATE REPS
import { resolve } from 'node:path';

const [dist, dbFile, date, reps] = process.argv.slice(2);
const lib = (m) => import(`${resolve(dist)}/${m}.js`);
const [{ Db }, sv, ch, chg] = await Promise.all(['engine/db', 'engine/survival', 'engine/chains', 'engine/changes'].map(lib));
const db = await Db.open(resolve(dbFile), { readOnly: true });
const alerts = [{ metric: 'conversion_rate', direction: 'down', min_change: 0.05 }];
const reads = {
  survival: () => sv.getSurvival(db, date),
  survivalCurve: () => sv.getSurvivalCurve(db, date),
  chains: () => ch.getChains(db, date),
  changes: () => chg.loadChanges(db, { date, rules: alerts, history: 14, dimensions: ['build', 'platform', 'cohort'] }),
};
const res = Object.fromEntries(Object.keys(reads).map((k) => [k, []]));
for (const f of Object.values(reads)) await f();
for (let r = 0; r < Number(reps); r++) {
  const names = Object.keys(reads);
  for (const k of r % 2 ? names.reverse() : names) {
    const c0 = process.cpuUsage();
    await reads[k]();
    const c = process.cpuUsage(c0);
    res[k].push(Math.round((c.user + c.system) / 1000));
  }
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [k, xs] of Object.entries(res)) console.log(`${k}: cpu median ${med(xs)} ms [${xs.join(' ')}]`);
process.exit(0);
