// Where fingerprinting's CPU goes: the whole fingerprint() of each 1M NDJSON file, then sha256 alone, the read alone.
// Usage: node fp-parts.mjs <package root> [files...]
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
const [root, ...files] = process.argv.slice(2);
const { fingerprint } = await import(pathToFileURL(join(resolve(root), 'dist/ingest/fingerprint.js')).href);
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
async function chunks(path, fn) {
  const fh = await open(path, 'r'); const buf = Buffer.allocUnsafe(1 << 20);
  for (;;) { const { bytesRead } = await fh.read(buf, 0, buf.length, null); if (!bytesRead) break; fn(buf.subarray(0, bytesRead)); }
  await fh.close();
}
const time = async (name, fn) => { const t = performance.now(); const c = cpu(); await fn(); console.log(name, Math.round(performance.now() - t), Math.round(cpu() - c)); };
for (let r = 0; r < 2; r++) {
  await time('fingerprint-seq', async () => { for (const f of files) await fingerprint(f); });
  await time('fingerprint-par4', () => Promise.all(files.map((f) => fingerprint(f))));
  await time('sha256', async () => { for (const f of files) { const h = createHash('sha256'); await chunks(f, (b) => h.update(b)); h.digest('hex'); } });
  await time('read', async () => { for (const f of files) await chunks(f, () => {}); });
  await time('nl-indexOf', async () => { for (const f of files) await chunks(f, (b) => { let n = 0; for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) n++; }); });
}
