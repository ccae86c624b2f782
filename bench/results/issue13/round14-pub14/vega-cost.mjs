// What loading vega and vega-lite costs a fresh process (the index's charts need them): process CPU and this thread's,
// import only (round 14, pub14).   node vega-cost.mjs DIST
import { readFileSync } from 'node:fs';
const dist = process.argv[2];
const mainMs = () => {
  const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
const c0 = process.cpuUsage(); const m0 = mainMs(); const t0 = performance.now();
const { ChartRenderer } = await import(`${dist}/publish/chart-render.js`);
const r = new ChartRenderer();
await r.warm();
const c = process.cpuUsage(c0);
console.log(`vega + vega-lite loaded: ${Math.round(performance.now() - t0)} ms wall, process ${Math.round((c.user + c.system) / 1000)} ms cpu, main thread ${mainMs() - m0} ms`);
await new Promise((ok) => setTimeout(ok, 1500));
const c2 = process.cpuUsage(c0);
console.log(`1.5 s later (background compilation done): process ${Math.round((c2.user + c2.system) / 1000)} ms cpu`);
r.close();
