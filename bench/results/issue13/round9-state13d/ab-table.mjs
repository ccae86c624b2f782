// Summarises an ab.sh log: per build, the runs' wall / CPU ms and loads, medians, and whether every run's hashes agree.
//   node ab-table.mjs LOG [STATEMENT...]   (STATEMENT: also list that statement's wall / CPU per run, e.g. COMMIT)
import { readFileSync } from 'node:fs';

const [log, ...stmts] = process.argv.slice(2);
const runs = readFileSync(log, 'utf8').split('\n').filter((l) => l.includes('{')).map((l) => {
  // Early logs cut each line at 400 characters: read the fields by pattern, not as JSON.
  const num = (k) => Number(l.match(new RegExp(`"${k}":(\\d+)`))?.[1]);
  const top = [...l.matchAll(/"([^"]+ \d+\/\d+)"/g)].map((m) => m[1]);
  return { label: l.split(' ')[0], wall: num('wall'), cpu: num('cpu'), rows: num('rows'), load: [l.match(/"load":\["([\d.]+)"/)[1]],
    hi: l.match(/"hi":"(\d+)"/)?.[1], hc: l.match(/"hc":"(\d+)/)?.[1], top };
});
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
for (const label of [...new Set(runs.map((r) => r.label))]) {
  const rs = runs.filter((r) => r.label === label);
  console.log(`| ${label} | ${rs.map((r) => `${r.wall} / ${r.cpu}`).join(', ')} | ${med(rs.map((r) => r.wall))} / ${med(rs.map((r) => r.cpu))} | ${rs.map((r) => r.load[0]).join(', ')} |`);
  for (const s of stmts) console.log(`|   ${s} | ${rs.map((r) => r.top.find((t) => t.startsWith(`${s} `))?.split(' ').pop() ?? '-').join(', ')} |`);
}
console.log('hashes agree:', new Set(runs.map((r) => `${r.hi} ${r.hc} ${r.rows}`)).size === 1);
