// Where a quest page's and quest JSON's bytes are (issue 16 notes, round 11 bytes16k): per part of the page, per SVG
// element kind, whitespace, and the JSON's top-level keys (bytes as compact and as indented JSON).
//   node bench/results/issue16/bytes16k/composition.mjs SITE [QUEST_FILE_ID ...]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const [site, ...ids] = process.argv.slice(2);
const pick = ids.length ? ids : readdirSync(join(site, 'quests')).filter((f) => f.endsWith('.html')).slice(0, 3).map((f) => f.slice(0, -5));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const id of pick) {
  const html = readFileSync(join(site, 'quests', `${id}.html`), 'utf8');
  console.log(`== ${id}.html ${html.length} bytes (gzip -3 ${gzipSync(html, { level: 3 }).length})`);
  const parts = {};
  const add = (k, n) => (parts[k] = (parts[k] ?? 0) + n);
  let rest = html;
  for (const [name, re] of [
    ['svg charts', /<svg[^>]*class="marks"[\s\S]*?<\/svg>/g],
    ['segment range svgs', /<svg class="ranges"[\s\S]*?<\/svg>/g],
    ['segment tables', /<section class="breakdown"[\s\S]*?<\/section>/g],
    ['chart data tables', /<details class="chart-data"[\s\S]*?<\/details>/g],
    ['head', /<head>[\s\S]*?<\/head>/g],
  ]) {
    for (const m of rest.match(re) ?? []) add(name, m.length);
    rest = rest.replace(re, '');
  }
  add('other', rest.length);
  for (const [k, v] of Object.entries(parts)) console.log(`  ${k.padEnd(22)} ${kb(v)}`);
  const svgs = html.match(/<svg[^>]*class="marks"[\s\S]*?<\/svg>/g) ?? [];
  const kinds = {};
  for (const s of svgs) for (const m of s.match(/<(\w+)[^>]*>/g) ?? []) {
    const k = m.match(/<(\w+)/)[1];
    kinds[k] = kinds[k] ?? { n: 0, bytes: 0 };
    kinds[k].n++;
    kinds[k].bytes += m.length;
  }
  console.log(`  svg elements: ${Object.entries(kinds).map(([k, v]) => `${k} ${v.n}× ${kb(v.bytes)}`).join(', ')}`);
  const attrs = {};
  for (const s of svgs) for (const m of s.match(/ [a-z-]+="[^"]*"/g) ?? []) attrs[m] = (attrs[m] ?? 0) + 1;
  const top = Object.entries(attrs).map(([a, c]) => [a, c, a.length * c]).sort((a, b) => b[2] - a[2]).slice(0, 12);
  console.log(`  repeated svg attributes: ${top.map(([a, c, b]) => `${a.trim()} ${c}× ${kb(b)}`).join('; ')}`);
  const ws = (html.match(/\n[ \t]+/g) ?? []).reduce((s, m) => s + m.length - 1, 0);
  console.log(`  indentation after newlines: ${kb(ws)}`);
}
for (const id of pick) {
  let json;
  try { json = readFileSync(join(site, 'api/v1/quests', `${id}.json`), 'utf8'); } catch { continue; }
  const doc = JSON.parse(json);
  const compact = JSON.stringify(doc).length + 1;
  console.log(`== ${id}.json ${json.length} bytes (gzip -3 ${gzipSync(json, { level: 3 }).length}); compact ${compact} (gzip -3 ${gzipSync(JSON.stringify(doc), { level: 3 }).length})`);
  for (const [k, v] of Object.entries(doc)) {
    const a = JSON.stringify(v, null, 2).length, b = JSON.stringify(v).length;
    if (a > 300) console.log(`  ${k.padEnd(24)} indented ${kb(a)}, compact ${kb(b)}`);
  }
}
