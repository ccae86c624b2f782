// Where a published site's bytes are, by file kind and, for the kinds written every night, by part (issue 16 notes,
// round 13 pub16n): quest pages split into their sections, quest JSON and history.json by top-level key and history
// entry field, segment files, specs, month files. Only files modified at or after SINCE (ms since the epoch, default 0:
// every file) are counted, so a kept nightly site (publish-5k-rolling.mjs --keep) shows what that night wrote.
//   node bench/results/issue16/bytes-by-kind.mjs SITE [SINCE_MS]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [site, sinceArg = '0'] = process.argv.slice(2);
const since = Number(sinceArg);
const KINDS = [
  ['quest page', /^quests\/[^/]+\.html$/],
  ['quest specs', /^quests\/[^/]+\.specs\.json$/],
  ['quests index pages', /^api\/v1\/quests(\/page-\d+)?\.json$/],
  ['quest json', /^api\/v1\/quests\/[^/]+\.json$/],
  ['history.json', /^api\/v1\/quests\/[^/]+\/history\.json$/],
  ['month file', /\/history\/\d{4}-\d{2}\.json$/],
  ['segment value json', /^api\/v1\/segments\/[^/]+\/[^/]+\.json$/],
  ['segment html', /^segments\/[^/]+\.html$/],
  ['index.html', /^index\.html$/],
  ['index.table.json', /^index\.table\.json$/],
  ['snapshot.json', /^api\/v1\/snapshot\.json$/],
  ['manifest', /^api\/v1\/index\.json$/],
];
const kinds = new Map();
const add = (map, k, n) => {
  const v = map.get(k) ?? { files: 0, bytes: 0 };
  v.files++;
  v.bytes += n;
  map.set(k, v);
};
const parts = new Map(); // quest page sections
const jsonKeys = new Map(); // quest json top-level keys
const histKeys = new Map(); // history.json: top-level keys, and entries' fields
const sample = { page: undefined, json: undefined, history: undefined };
const walk = (rel) => {
  for (const e of readdirSync(join(site, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) walk(r);
    else if (e.isFile()) {
      const s = statSync(join(site, r));
      if (s.mtimeMs < since) continue;
      const gz = r.endsWith('.gz') || r.endsWith('.br');
      const plain = gz ? r.slice(0, -3) : r;
      const kind = KINDS.find(([, re]) => re.test(plain))?.[0] ?? `other (${plain.split('/').slice(0, -1).join('/') || '.'})`;
      add(kinds, gz ? `${kind} (${r.slice(-2)})` : kind, s.size);
      add(kinds, gz ? 'TOTAL compressed' : 'TOTAL text', s.size);
      if (gz) continue;
      if (kind === 'quest page') pageParts(readFileSync(join(site, r), 'utf8'));
      else if (kind === 'quest json') keysOf(jsonKeys, readFileSync(join(site, r), 'utf8'));
      else if (kind === 'history.json') historyOf(readFileSync(join(site, r), 'utf8'));
    }
  }
};
const SECTIONS = [
  ['history chart svg', /<figure class="chart wide" id="chart-history"[\s\S]*?<div class="chart-body">([\s\S]*?)<\/div>\s*<details/],
  ['history data table', /<figure class="chart wide" id="chart-history"[\s\S]*?(<details class="chart-data"[\s\S]*?<\/details>)/],
];
function pageParts(html) {
  let rest = html;
  for (const [name, re] of SECTIONS) {
    const m = rest.match(re);
    if (m) {
      add(parts, name, m[1].length);
      rest = rest.replace(m[1], '');
    }
  }
  for (const [name, re] of [
    ['other chart svgs', /<div class="chart-body">[\s\S]*?<\/div>\s*(?=<details)/g],
    ['other chart data tables', /<details class="chart-data"[\s\S]*?<\/details>/g],
    ['segment range svgs', /<svg class="ranges"[\s\S]*?<\/svg>/g],
    ['segment tables', /<section class="breakdown"[\s\S]*?<\/section>/g],
    ['head', /<head>[\s\S]*?<\/head>/g],
  ]) {
    for (const m of rest.match(re) ?? []) add(parts, name, m.length);
    rest = rest.replace(re, '');
  }
  add(parts, 'other (header, figures, captions)', rest.length);
}
function keysOf(map, text) {
  const doc = JSON.parse(text);
  for (const [k, v] of Object.entries(doc)) add(map, k, JSON.stringify(v).length + k.length + 4);
  return doc;
}
function historyOf(text) {
  const doc = keysOf(histKeys, text);
  for (const entry of doc.history ?? [])
    for (const [k, v] of Object.entries(entry)) add(histKeys, `  history[].${k}`, JSON.stringify(v).length + k.length + 4);
}
walk('');
const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
const show = (title, map, top = 40) => {
  console.log(title);
  for (const [k, v] of [...map].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top))
    console.log(`  ${k.padEnd(44)} ${String(v.files).padStart(7)} ${mb(v.bytes).padStart(9)}  (${Math.round(v.bytes / v.files)} B each)`);
};
show(`${site} (files modified at or after ${since})`, kinds);
show('quest page sections (count = occurrences)', parts);
show('quest json top-level keys (largest 8)', jsonKeys, 8);
show('history.json top-level keys and entry fields (largest 10)', histKeys, 10);
