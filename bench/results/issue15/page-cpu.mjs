// What the quest pages cost to render and compress, in this process, without the file system: each build's
// writeQuestPage over every quest of one published date, its files gzipped (level 4, as publish does) and dropped.
// Variants: `curve` as stored, `none` (no survival curve: the page without its survival chart). Prints CPU per pass and
// the bytes of pages and survival specs.
//   node bench/results/issue15/page-cpu.mjs DB DATE REPS DIST[=label[=DB]] [DIST...] [--variants curve,none,band4]
// (a build given its own DB renders that database's rows: e.g. each build's curve as its own nightly stored it).
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';

const argv = process.argv.slice(2);
const vi = argv.indexOf('--variants');
const variants = vi >= 0 ? argv.splice(vi, 2)[1].split(',') : ['curve'];
const [dbFile, date, reps, ...dists] = argv;
const builds = [];
for (const d of dists) {
  const [dir, label = dir, own = dbFile] = d.split('=');
  const lib = (m) => import(`${resolve(dir)}/${m}.js`);
  const [{ Db }, { loadSiteData }, qp, { compressible }] = await Promise.all(
    ['engine/db', 'publish/publish', 'publish/quest-pages', 'publish/compress'].map(lib),
  );
  const db = await Db.open(own, { readOnly: true });
  const data = await loadSiteData(db, { asOf: date }, { log() {} });
  db.close();
  builds.push({ label, qp, compressible, data });
}
// The stored curve (first time S enters each 2-point band) thinned to the first time S enters each k-point band (k
// even: the bands nest, so those times are stored points).
const thinnedCache = new Map();
const thinned = (data, k) => {
  if (!thinnedCache.has(data)) thinnedCache.set(data, new Map());
  const cache = thinnedCache.get(data);
  if (!cache.has(k)) {
    const seen = new Set();
    const curve = data.survivalCurve.filter((p) => {
      const key = `${p.quest_id} ${Math.ceil((p.surviving * 100) / k - 1e-9)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    cache.set(k, { ...data, survivalCurve: curve });
  }
  return cache.get(k);
};
const source = { months: [], questMonths: [] };
const pass = async (b, variant) => {
  const { data } = b;
  const d = variant === 'none' ? { ...data, survivalCurve: [] } : variant.startsWith('band') ? thinned(data, Number(variant.slice(4))) : data;
  const pages = b.qp.questPages(d, source, null);
  const bytes = { html: 0, gz: 0, survSpec: 0, all: 0 };
  const write = (rel, content) => {
    const buf = typeof content === 'string' ? Buffer.from(content) : content;
    bytes.all += buf.length;
    if (rel.endsWith('.html')) bytes.html += buf.length;
    if (rel.endsWith('.survival.vl.json')) bytes.survSpec += buf.length;
    if (b.compressible(rel, buf.length)) bytes.gz += gzipSync(buf, { level: 4 }).length;
  };
  const c0 = process.cpuUsage();
  for (const p of pages) await b.qp.writeQuestPage(d, p, write);
  const c = process.cpuUsage(c0);
  return { cpu: Math.round((c.user + c.system) / 1000), ...bytes };
};
// Warm-up pass per build and variant.
for (const b of builds) for (const v of variants) await pass(b, v);
const res = new Map();
for (let r = 0; r < Number(reps); r++) {
  const order = builds.flatMap((b) => variants.map((v) => [b, v]));
  if (r % 2) order.reverse();
  for (const [b, v] of order) {
    const x = await pass(b, v);
    const k = `${b.label} ${v}`;
    if (!res.has(k)) res.set(k, { ...x, cpu: [] });
    res.get(k).cpu.push(x.cpu);
  }
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [k, x] of res) {
  console.log(`${k}: cpu median ${med(x.cpu)} ms [${x.cpu.join(' ')}]; html ${x.html} B, gz ${x.gz} B, survival specs ${x.survSpec} B, all ${x.all} B`);
}
