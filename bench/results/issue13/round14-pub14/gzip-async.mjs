// The same site files gzipped at level 3: gzipSync on this thread, against zlib.gzip (one stream per file in libuv's
// pool, 64 in flight, as compress.ts does): process CPU and this thread's CPU (round 14, pub14).
//   node gzip-async.mjs SITE
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzip, gzipSync } from 'node:zlib';

const site = process.argv[2];
const files = readdirSync(site, { recursive: true })
  .filter((f) => f.endsWith('.gz'))
  .map((f) => readFileSync(join(site, f.slice(0, -3))));
const mainCpu = () => {
  const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
async function asyncAll() {
  const pending = new Set();
  for (const b of files) {
    const p = new Promise((ok) => gzip(b, { level: 3 }, () => ok()));
    pending.add(p);
    void p.then(() => pending.delete(p));
    if (pending.size >= 64) await Promise.race(pending);
  }
  await Promise.all(pending);
}
for (let rep = 0; rep < 3; rep++) {
  for (const [name, fn] of [['sync', async () => { for (const b of files) gzipSync(b, { level: 3 }); }], ['async', asyncAll]]) {
    const c0 = process.cpuUsage(); const m0 = mainCpu(); const t0 = performance.now();
    await fn();
    const c = process.cpuUsage(c0);
    console.log(`${name} rep ${rep}: ${Math.round(performance.now() - t0)} ms wall, process ${((c.user + c.system) / 1000).toFixed(0)} ms cpu, main thread ${mainCpu() - m0} ms`);
  }
}
