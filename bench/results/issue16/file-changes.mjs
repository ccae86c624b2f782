// Which files of a site changed since the site before (issue 16 notes, round 9 pages16d): per kind of file, how many
// are byte-equal, the same size but different (where the first difference is), larger or smaller than before.
//   node bench/results/issue16/file-changes.mjs SITE OLD_SITE
import { readdirSync, statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
const [a, b] = process.argv.slice(2);
const by = {};
function walk(d, rel = '') {
  for (const e of readdirSync(join(a, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) { walk(d, r); continue; }
    const kind = r.replace(/^.*?(\.[a-z.]+)$/, '$1').replace(/.*\/history\/.*/, 'month') + (r.includes('history/') && !r.includes('history.json') ? ' month' : '');
    let sb; try { sb = statSync(join(b, r)).size; } catch { sb = -1; }
    const sa = statSync(join(a, r)).size;
    const k = (by[kind] ??= { n: 0, same: 0, sameSizeDiff: 0, bigger: 0, smaller: 0, firstDiff: [] });
    k.n++;
    if (sb === sa) {
      const x = readFileSync(join(a, r)), y = readFileSync(join(b, r));
      if (x.equals(y)) k.same++;
      else { k.sameSizeDiff++; let i = 0; while (x[i] === y[i]) i++; k.firstDiff.push(i); }
    } else if (sa > sb) k.bigger++; else k.smaller++;
  }
}
walk(a);
for (const [k, v] of Object.entries(by)) { const f = v.firstDiff.sort((p, q) => p - q); console.log(k, v.n, 'same', v.same, 'sameSizeDiff', v.sameSizeDiff, 'bigger', v.bigger, 'smaller', v.smaller, 'firstDiff median', f[f.length >> 1], 'max', f[f.length - 1]); }
