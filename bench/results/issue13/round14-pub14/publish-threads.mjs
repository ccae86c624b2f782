// One fresh publish of a questlog database in this process, then process CPU split by thread (/proc/self/task, polled
// every 50 ms so a render worker's thread is seen before it ends): the main thread before and after the reads, the
// worker threads, and the rest (DuckDB, libuv's pool, V8's helpers). On two free cores the publish after its reads
// takes about max(main thread after the reads, each worker), not their sum (round 14, pub14).
//   [QL_WORKERS=N] node bench/results/issue13/round14-pub14/publish-threads.mjs DIST DB OUT
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const [dist, dbPath, out] = process.argv.slice(2).map((a) => resolve(a));
const seen = new Map(); // tid -> { comm, ms }
const poll = () => {
  for (const t of readdirSync('/proc/self/task')) {
    try {
      const comm = readFileSync(`/proc/self/task/${t}/comm`, 'utf8').trim();
      const f = readFileSync(`/proc/self/task/${t}/stat`, 'utf8').split(') ')[1].split(' ');
      seen.set(t, { comm, ms: (Number(f[11]) + Number(f[12])) * 10 });
    } catch {}
  }
};
const mainMs = () => (poll(), seen.get(String(process.pid)).ms);
const timer = setInterval(poll, 50);
const c0 = process.cpuUsage();
const t0 = performance.now();
const { Db } = await import(`${dist}/engine/db.js`);
const { publish } = await import(`${dist}/publish/publish.js`);
rmSync(out, { recursive: true, force: true });
const pre = new Set(readdirSync('/proc/self/task'));
const db = await Db.open(dbPath, { readOnly: true });
const before = new Set(readdirSync('/proc/self/task'));
console.log(`threads before the database: ${[...pre].join(' ')}; with it: ${[...before].filter((t) => !pre.has(t)).join(' ')}`);
let loaded;
const workers = process.env.QL_WORKERS === undefined ? {} : { workers: Number(process.env.QL_WORKERS) };
await publish(db, { out, ...workers, loaded: () => (loaded = { wall: performance.now() - t0, main: mainMs() }) }, { log() {} });
const end = { wall: performance.now() - t0, main: mainMs() };
clearInterval(timer);
db.close();
const cpu = process.cpuUsage(c0);
const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
// Threads that appeared during the publish and ran over a second: the render workers (DuckDB's and libuv's threads
// start before, with the database or the first file read).
const late = [...seen].filter(([t, v]) => !before.has(t) && v.ms > 1000);
const rest = [...seen].filter(([t]) => t !== String(process.pid) && !late.some(([l]) => l === t));
console.log(
  `load ${load}: ${Math.round(end.wall)} ms wall (loaded at ${Math.round(loaded.wall)}), ${Math.round((cpu.user + cpu.system) / 1000)} ms cpu ` +
    `(${Math.round(cpu.system / 1000)} sys); main ${loaded.main} ms to loaded + ${end.main - loaded.main} after; ` +
    `workers ${late.map(([, v]) => v.ms).join(', ') || '-'} ms; other threads ${rest.reduce((n, [, v]) => n + v.ms, 0)} ms`,
);
// The other threads by id (creation order): which started with the process (V8's platform, libuv), with the database.
console.log(`  other threads (tid: ms, * = started after the database opened): ${rest.filter(([, v]) => v.ms > 0).map(([t, v]) => `${t}${before.has(t) ? '' : '*'}: ${v.ms}`).join(', ')}`);
