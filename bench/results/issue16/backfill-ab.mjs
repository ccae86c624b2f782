// A backfill (one snapshot per day of the data) with one build on a copy of a database holding a catalogue and events
// but no state, timed in process CPU: was the 100M rebuild's snapshot phase slower because of the code or of the load?
//   node backfill-ab.mjs DIST SOURCE_DB WORK_DB
import { copyFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
const [dist, source, target] = process.argv.slice(2);
const lib = (n) => import(pathToFileURL(`${dist}/${n}.js`).href);
const [{ Db }, { migrate }, { refreshState }, { computeSnapshots }] = await Promise.all(
  ['engine/db', 'engine/migrate', 'engine/state', 'engine/snapshot'].map(lib),
);
rmSync(`${target}.wal`, { force: true });
copyFileSync(source, target);
const db = await Db.open(target, { threads: 2, memoryLimit: '4GB' });
await migrate(db); // untimed: the source may be an older build's
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const load = loadavg()[0];
let c = cpu();
await refreshState(db, { log() {} });
const state = cpu() - c;
c = cpu();
const t = performance.now();
await computeSnapshots(db, { backfill: true }, { log() {} });
console.log(JSON.stringify({ dist, state_cpu_ms: Math.round(state), backfill_cpu_ms: Math.round(cpu() - c), backfill_wall_ms: Math.round(performance.now() - t), load }));
db.close();
rmSync(target, { force: true });
rmSync(`${target}.wal`, { force: true });
