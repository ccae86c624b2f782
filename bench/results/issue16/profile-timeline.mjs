// The main thread's busy time per window of a .cpuprofile (sampled wall time not in "(idle)"), and the top inclusive
// project functions of each window: where the main thread is the publish's critical path (round 11, main16l).
//   node bench/results/issue16/profile-timeline.mjs FILE.cpuprofile [STEP_S]
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const step = Number(process.argv[3] ?? 1) * 1000;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const rows = new Map();
let t = 0;
let busyAll = 0;
for (let i = 0; i < p.samples.length; i++) {
  t += p.timeDeltas[i];
  const d = (p.timeDeltas[i + 1] ?? 0) / 1000;
  const n = byId.get(p.samples[i]);
  const k = Math.floor(t / 1000 / step);
  const row = rows.get(k) ?? { busy: 0, gc: 0, fns: new Map() };
  rows.set(k, row);
  if (n.callFrame.functionName === '(idle)') continue;
  row.busy += d;
  busyAll += d;
  if (n.callFrame.functionName === '(garbage collector)') row.gc += d;
  // The outermost project function of the sample's stack.
  let top;
  for (let x = p.samples[i]; x !== undefined; x = parent.get(x)) {
    const c = byId.get(x).callFrame;
    if (c.url.includes('/dist/')) top = `${c.functionName || '(anon)'}`;
  }
  if (top) row.fns.set(top, (row.fns.get(top) ?? 0) + d);
}
for (const [k, r] of [...rows].sort((a, b) => a[0] - b[0])) {
  const fns = [...r.fns].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([f, ms]) => `${f} ${Math.round(ms)}`).join(', ');
  console.log(`${String((k * step) / 1000).padStart(5)} s busy ${String(Math.round(r.busy)).padStart(5)} ms gc ${String(Math.round(r.gc)).padStart(4)}  ${fns}`);
}
console.log(`busy ${Math.round(busyAll)} ms of ${Math.round(t / 1000)} ms`);
