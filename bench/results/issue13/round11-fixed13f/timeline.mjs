// The questlog bench contender's whole process, timed piece by piece (wall / process CPU ms), without publish:
//   node timeline.mjs PKG DB INPUT... (the contender's steps as bench/contenders/questlog.js runs them with checkpoint)
// 'boot' is node's start until this module's first line; 'exit' is measured by the caller (wall to exit - 'end').
import { rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let t = performance.now();
let c = cpu();
const out = [`boot ${t.toFixed(0)}/${c.toFixed(0)}`];
const lap = (name) => { const n = performance.now(), k = cpu(); out.push(`${name} ${(n - t).toFixed(0)}/${(k - c).toFixed(0)}`); t = n; c = k; };
const [pkg, path, ...inputs] = process.argv.slice(2);
const lib = (name) => import(pathToFileURL(join(pkg, 'dist', `${name}.js`)).href);
const { Db } = await lib('engine/db');
lap('imp-db');
const [{ ingest }, { migrate }] = await Promise.all(['ingest/ingest', 'engine/migrate'].map(lib));
lap('imp-ingest');
const mods = process.env.LEAN ? ['engine/state', 'engine/snapshot', 'engine/read'] : ['index', 'publish/publish', 'engine/readcopy'];
const got = await Promise.all(mods.map(lib));
const stats = process.env.LEAN ? Object.assign({}, ...got) : got[0];
lap('imp-rest');
const quiet = { log: () => {} };
for (const f of [path, `${path}.wal`]) rmSync(f, { force: true });
const db = await Db.open(path, { threads: 2, memoryLimit: '6GB' });
lap('Db.open');
await migrate(db);
lap('migrate');
if (process.env.STOP) { db.close(); lap('close'); console.log(out.join(' ')); process.exit(0); }
const summary = await ingest(db, { paths: inputs, format: 'events', cwd: process.cwd() }, quiet);
lap('ingest');
await db.run('CHECKPOINT');
lap('checkpoint');
await stats.refreshState(db, quiet);
lap('state');
const dates = await stats.computeSnapshots(db, { asOf: process.env.ASOF ?? '2026-12-23', force: true }, quiet);
lap('snapshot');
const snapshot = await stats.getSnapshot(db, dates.at(-1));
lap('getSnapshot');
await writeFile(`${path}.out.json`, JSON.stringify(snapshot.quests));
lap('write');
if (process.env.CK) {
  // the close's own checkpoint, timed apart
  await db.run('CHECKPOINT');
  lap('final-ck');
}
db.close();
lap('close');
out.push(`end ${performance.now().toFixed(0)}/${cpu().toFixed(0)} events ${summary.totals.lines_read}`);
process.stdout.write(`${out.join(' ')}\n`);
