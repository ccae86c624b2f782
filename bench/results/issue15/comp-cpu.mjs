// What each part of the publish costs with the extras and without, in this process, without the file system: the
// site data read both ways (loadSiteData), then per pass one part rendered with every file sha256-hashed and, where
// publish compresses it, gzipped (level 3) and dropped. Parts: pages (every quest page), docs (writeSiteDocuments:
// assets, API indexes, changes.json), rest (writePages without the quest pages: index, list pages, table data, chains,
// segment pages). Arms alternate per rep, order flipped every rep; prints process CPU medians per part and arm.
//   node bench/results/issue15/comp-cpu.mjs DIST DB DATE REPS [parts=pages,docs,rest] [DIST2 ...]
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const [dist, dbFile, date, reps, partsArg = 'pages,docs,rest', ...more] = process.argv.slice(2);
const parts = partsArg.split(',');
const alerts = [{ metric: 'conversion_rate', direction: 'down', min_change: 0.05 }];
const builds = [];
for (const d of [dist, ...more]) {
  const lib = (m) => import(`${resolve(d)}/${m}.js`);
  const [{ Db }, pub, qp, sp, { compressible }, { ChartRenderer }] = await Promise.all(
    ['engine/db', 'publish/publish', 'publish/quest-pages', 'publish/site-pages', 'publish/compress', 'publish/chart-render'].map(lib),
  );
  const db = await Db.open(resolve(dbFile), { readOnly: true });
  const read = async (extras) => {
    const c0 = process.cpuUsage();
    const data = await pub.loadSiteData(db, { asOf: date, alerts, extras }, { log() {} });
    const c = process.cpuUsage(c0);
    return [data, (c.user + c.system) / 1000];
  };
  const reads = { on: [], off: [] };
  const datas = {};
  for (let r = 0; r < 3; r++) {
    for (const arm of r % 2 ? ['off', 'on'] : ['on', 'off']) {
      const [data, ms] = await read(arm === 'on');
      datas[arm] = data;
      reads[arm].push(Math.round(ms));
    }
  }
  const renderer = new ChartRenderer();
  builds.push({ d, qp, sp, compressible, datas, reads, renderer, res: new Map() });
}
const source = { months: [], questMonths: [] };
const pass = async (b, part, arm) => {
  const data = b.datas[arm];
  let bytes = 0;
  let files = 0;
  const write = (rel, content) => {
    const buf = typeof content === 'string' ? Buffer.from(content) : content;
    bytes += buf.length;
    files++;
    createHash('sha256').update(buf).digest('hex');
    if (b.compressible(rel, buf.length)) gzipSync(buf, { level: 3 });
  };
  const c0 = process.cpuUsage();
  if (part === 'pages') {
    const pages = b.qp.questPages(data, source, null);
    for (const p of pages) await b.qp.writeQuestPage(data, p, write);
  } else if (part === 'docs') {
    await b.sp.writeSiteDocuments(data, write);
  } else {
    await b.sp.writePages(data, source, b.renderer, write, { log() {} }, async () => {});
  }
  const c = process.cpuUsage(c0);
  return { cpu: Math.round((c.user + c.system) / 1000), bytes, files };
};
for (const b of builds) for (const part of parts) for (const arm of ['on', 'off']) await pass(b, part, arm);
for (let r = 0; r < Number(reps); r++) {
  const order = builds.flatMap((b) => parts.flatMap((p) => ['on', 'off'].map((arm) => [b, p, arm])));
  if (r % 2) order.reverse();
  for (const [b, p, arm] of order) {
    const x = await pass(b, p, arm);
    const k = `${p} ${arm}`;
    if (!b.res.has(k)) b.res.set(k, { ...x, cpu: [] });
    b.res.get(k).cpu.push(x.cpu);
  }
}
const med = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
for (const b of builds) {
  console.log(`${b.d}: reads on ${b.reads.on.join(' ')} / off ${b.reads.off.join(' ')} ms`);
  for (const [k, x] of b.res) console.log(`${b.d} ${k}: cpu median ${med(x.cpu)} ms [${x.cpu.join(' ')}]; ${x.files} files, ${x.bytes} B`);
  await b.renderer.close();
}
console.log(`load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);
process.exit(0);
