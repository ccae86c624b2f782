// A fresh process's first render of the whole site without the file system (as comp-cpu.mjs, no warm-up): one arm
// per process, so what the extras cost cold (template compiles, first calls) is in. Prints read and render CPU.
//   node bench/results/issue15/cold-cpu.mjs DIST DB DATE on|off
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const [dist, dbFile, date, arm] = process.argv.slice(2);
const lib = (m) => import(`${resolve(dist)}/${m}.js`);
const [{ Db }, pub, qp, sp, { compressible }, { ChartRenderer }] = await Promise.all(
  ['engine/db', 'publish/publish', 'publish/quest-pages', 'publish/site-pages', 'publish/compress', 'publish/chart-render'].map(lib),
);
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const db = await Db.open(resolve(dbFile), { readOnly: true });
const alerts = [{ metric: 'conversion_rate', direction: 'down', min_change: 0.05 }];
const c0 = cpu();
const data = await pub.loadSiteData(db, { asOf: date, alerts, extras: arm === 'on' }, { log() {} });
const c1 = cpu();
let bytes = 0;
const write = (rel, content) => {
  const buf = typeof content === 'string' ? Buffer.from(content) : content;
  bytes += buf.length;
  createHash('sha256').update(buf).digest('hex');
  if (compressible(rel, buf.length)) gzipSync(buf, { level: 3 });
};
const renderer = new ChartRenderer();
const source = { months: [], questMonths: [] };
await sp.writeSiteDocuments(data, write);
await sp.writePages(data, source, renderer, write, { log() {} }, async (pages) => {
  for (const p of pages) await qp.writeQuestPage(data, p, write);
});
const c2 = cpu();
await renderer.close();
console.log(`${arm}: read ${Math.round(c1 - c0)} ms, render ${Math.round(c2 - c1)} ms, ${bytes} B`);
process.exit(0);
