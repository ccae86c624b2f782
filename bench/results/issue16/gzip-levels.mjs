// gzip CPU and size per level on a published 5,000-quest site's real files (issue 16 notes, round 9 pages16d): 400 quest
// pages, 400 quest JSON and 400 history.json of SITE, three passes, CPU per file and compressed share.
//   node bench/results/issue16/gzip-levels.mjs SITE
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';
const site = process.argv[2];
const q = join(site, 'quests');
const html = readdirSync(q).filter((f) => f.endsWith('.html')).slice(0, 400).map((f) => readFileSync(join(q, f)));
const aq = join(site, 'api/v1/quests');
const json = readdirSync(aq).filter((f) => f.endsWith('.json')).slice(0, 400).map((f) => readFileSync(join(aq, f)));
const hist = readdirSync(aq).filter((f) => !f.includes('.')).slice(0, 400).map((f) => readFileSync(join(aq, f, 'history.json')));
const files = [...html, ...json, ...hist];
const raw = files.reduce((n, b) => n + b.length, 0);
const variants = {
  l3: (b) => zlib.gzipSync(b, { level: 3 }),
  l1: (b) => zlib.gzipSync(b, { level: 1 }),
  l2: (b) => zlib.gzipSync(b, { level: 2 }),
  l3mem9: (b) => zlib.gzipSync(b, { level: 3, memLevel: 9 }),
};
for (let rep = 0; rep < 3; rep++) {
  for (const [name, f] of Object.entries(variants)) {
    const c0 = process.cpuUsage();
    let out = 0;
    for (const b of files) out += f(b).length;
    const c = process.cpuUsage(c0);
    console.log(rep, name.padEnd(8), ((c.user + c.system) / 1000 / files.length).toFixed(3), 'ms/file', (100 * out / raw).toFixed(2) + '%');
  }
}
