// Summarises a .cpuprofile: self time by script and by function, and inclusive time of this project's functions.
//   node bench/results/issue16/profile-summary.mjs FILE.cpuprofile
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const dt = new Map(); // id -> self us
const ids = p.samples; const deltas = p.timeDeltas;
for (let i = 0; i < ids.length; i++) dt.set(ids[i], (dt.get(ids[i]) ?? 0) + (deltas[i] ?? 0));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const total = [...dt.values()].reduce((a, b) => a + b, 0);
const fn = new Map(), script = new Map();
for (const [id, us] of dt) {
  const n = byId.get(id); const cf = n.callFrame;
  const s = cf.url.replace(/^.*\/(node_modules|dist)\//, '$1/') || '(native)';
  const k = `${cf.functionName || '(anon)'} ${s}:${cf.lineNumber + 1}`;
  fn.set(k, (fn.get(k) ?? 0) + us); script.set(s, (script.get(s) ?? 0) + us);
}
// inclusive time for dist/publish functions
const incl = new Map();
for (const [id, us] of dt) {
  const seen = new Set();
  for (let x = id; x !== undefined; x = parent.get(x)) {
    const cf = byId.get(x).callFrame;
    if (!cf.url.includes('/dist/')) continue;
    const k = `${cf.functionName || '(anon)'} ${cf.url.replace(/^.*\/dist\//, '')}:${cf.lineNumber + 1}`;
    if (seen.has(k)) continue; seen.add(k);
    incl.set(k, (incl.get(k) ?? 0) + us);
  }
}
const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${(v / 1000).toFixed(0).padStart(7)} ms ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
console.log(`total sampled ${Math.round(total / 1000)} ms\n--- by script (self)\n${top(script, 25)}\n--- top self functions\n${top(fn, 40)}\n--- inclusive (dist functions)\n${top(incl, 45)}`);
