// CPU and bytes of gzipping a published site's compressed files again at each level (their sources: each `X.gz`'s `X`),
// one thread, gzipSync (round 14, pub14).   node gzip-cost.mjs SITE [LEVELS=1,2,3,4,6]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const [site, levels = '1,2,3,4,6'] = process.argv.slice(2);
const files = readdirSync(site, { recursive: true })
  .filter((f) => f.endsWith('.gz'))
  .map((f) => readFileSync(join(site, f.slice(0, -3))));
const bytes = files.reduce((n, b) => n + b.length, 0);
console.log(`${files.length} files, ${(bytes / 1e6).toFixed(1)} MB`);
for (const level of levels.split(',').map(Number)) {
  for (let rep = 0; rep < 2; rep++) {
    const c0 = process.cpuUsage();
    let out = 0;
    for (const b of files) out += gzipSync(b, { level }).length;
    const c = process.cpuUsage(c0);
    console.log(`level ${level} rep ${rep}: ${((c.user + c.system) / 1000).toFixed(0)} ms cpu, ${(out / 1e6).toFixed(2)} MB`);
  }
}
