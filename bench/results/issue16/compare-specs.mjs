// Equality of a site with per-chart spec files (main before round 7) and one with a spec file per page (pages16b),
// published with the same clock (compare-sites.mjs with QL_CMP_KEEP=1): every file but the pages, the specs and the
// gzip copies byte-equal; each `<page>.<chart>.vl.json` of A equal (as JSON text) to the `<chart>` key of B's
// `<page>.specs.json`, and nothing more there; each page equal once A's chart attributes and links are written as B's;
// every `.gz` in either site decompressing to the file beside it, and both sites' `.gz` lists the same.
//   node bench/results/issue16/compare-specs.mjs SITE_A SITE_B
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const [a, b] = process.argv.slice(2);
const list = (dir, base = dir, out = []) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) list(p, base, out);
    else out.push(p.slice(base.length + 1));
  }
  return out;
};
const fa = list(a);
const fb = list(b);
const problems = [];
let gz = 0;
for (const [dir, files] of [[a, fa], [b, fb]]) {
  for (const f of files.filter((f) => f.endsWith('.gz'))) {
    gz++;
    if (!gunzipSync(readFileSync(join(dir, f))).equals(readFileSync(join(dir, f.slice(0, -3))))) problems.push(`gz ${dir} ${f}`);
  }
}
const gzA = fa.filter((f) => f.endsWith('.gz')).sort().join('\n');
const gzB = fb.filter((f) => f.endsWith('.gz')).sort().join('\n');
if (gzA !== gzB) problems.push('the .gz lists differ');
// A's per-chart specs, by (page file, key).
const specsA = new Map();
for (const f of fa) {
  const m = f.match(/^(.*)\.([^./]+)\.vl\.json$/);
  if (m) specsA.set(`${m[1]}.specs.json#${m[2]}`, readFileSync(join(a, f), 'utf8').trimEnd());
}
let keys = 0;
for (const f of fb.filter((f) => f.endsWith('.specs.json'))) {
  const doc = JSON.parse(readFileSync(join(b, f), 'utf8'));
  for (const [k, spec] of Object.entries(doc)) {
    keys++;
    if (specsA.get(`${f}#${k}`) !== JSON.stringify(spec)) problems.push(`spec ${f}#${k}`);
    specsA.delete(`${f}#${k}`);
  }
}
for (const k of specsA.keys()) problems.push(`spec only in A: ${k}`);
const rest = (files) => files.filter((f) => !f.endsWith('.gz') && !f.endsWith('.vl.json') && !f.endsWith('.specs.json'));
const ra = rest(fa);
const rb = new Set(rest(fb));
let pages = 0;
let same = 0;
for (const f of ra) {
  if (!rb.delete(f)) {
    problems.push(`only in A: ${f}`);
    continue;
  }
  let x = readFileSync(join(a, f), 'utf8');
  const y = readFileSync(join(b, f), 'utf8');
  if (f.endsWith('.html')) {
    pages++;
    x = x
      .replace(/data-spec="([^"]*)\.([^".]+)\.vl\.json">/g, 'data-spec="$1.specs.json" data-chart="$2">')
      .replace(
        /<a href="([^"]*)\.([^".]+)\.vl\.json">Vega-Lite spec<\/a>/g,
        `<a href="$1.specs.json" title="This page's chart specs, this one under &quot;$2&quot;">Vega-Lite spec</a>`,
      );
  }
  if (x === y) same++;
  else problems.push(`differs: ${f}`);
}
for (const f of rb) problems.push(`only in B: ${f}`);
console.log(
  `${fa.length} and ${fb.length} files; ${same} of ${ra.length} equal (${pages} pages normalised); ${keys} spec keys; ` +
    `${gz} gzip copies checked; ${problems.length} problems${problems.length ? `: ${problems.slice(0, 10).join(', ')}` : ''}`,
);
