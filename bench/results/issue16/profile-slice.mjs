// Self and inclusive time of a .cpuprofile within a time window (ms since the profile started), e.g. the main
// thread during the pages (issue 16 notes, round 10 cpu16h).
//   node bench/results/issue16/profile-slice.mjs FILE.cpuprofile FROM_S TO_S
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const [from, to] = [Number(process.argv[3]) * 1000, Number(process.argv[4]) * 1000]; // ms since profile start
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
let t = 0; const self = new Map(), incl = new Map(); let total = 0;
for (let i = 0; i < p.samples.length; i++) {
  t += p.timeDeltas[i];
  const ms = t / 1000;
  if (ms < from || ms > to) continue;
  const d = p.timeDeltas[i + 1] ?? 0; total += d;
  const n = byId.get(p.samples[i]); const cf = n.callFrame;
  const k = `${cf.functionName || '(anon)'} ${cf.url.replace(/^.*\/(dist|node_modules)\//, '$1/')}:${cf.lineNumber + 1}`;
  self.set(k, (self.get(k) ?? 0) + d);
  const seen = new Set();
  for (let x = p.samples[i]; x !== undefined; x = parent.get(x)) {
    const c = byId.get(x).callFrame; if (!c.url.includes('/dist/')) continue;
    const kk = `${c.functionName || '(anon)'} ${c.url.replace(/^.*\/dist\//, '')}:${c.lineNumber + 1}`;
    if (seen.has(kk)) continue; seen.add(kk); incl.set(kk, (incl.get(kk) ?? 0) + d);
  }
}
const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${(v / 1000).toFixed(0).padStart(7)} ms ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
console.log(`window ${from}-${to} ms: ${(total / 1000).toFixed(0)} ms sampled\n--- self\n${top(self, 25)}\n--- inclusive\n${top(incl, 25)}`);
