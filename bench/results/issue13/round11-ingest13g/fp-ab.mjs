// The four 1M NDJSON files' checks as ingest starts them (startLimit with the checker's limit), on this thread
// (workers 0) and in workers (2), alternating in one process: wall until the last file's fingerprint (what the one
// batch waits for), process CPU (workers included), and the hashes, which must agree.
// Usage: DATA=<dir with 1m/plain/ndjson> node fp-ab.mjs <package root> [rounds] [gz]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, rounds = '3', gz] = process.argv.slice(2);
const lib = (n) => import(pathToFileURL(join(resolve(root), 'dist', `${n}.js`)).href);
const [{ checker }, { startLimit }] = await Promise.all(['ingest/fingerprint-pool', 'ingest/results'].map(lib));
const dir = resolve(process.env.DATA, process.env.SIZE ?? '1m', gz ? 'gz' : 'plain', 'ndjson');
const files = readdirSync(dir).sort().map((f) => join(dir, f));
const sizes = files.map((f) => statSync(f).size);
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
for (let i = 0; i < Number(rounds); i++) {
  for (const workers of [0, 2]) {
    const t = performance.now();
    const c = process.cpuUsage();
    const checks = checker(files, sizes, workers);
    const fps = await Promise.all(startLimit(files, sizes, checks.limit, (f) => checks.check(f, () => {})));
    const wall = performance.now() - t;
    await checks.close();
    const cu = process.cpuUsage(c);
    const h = fps.map((f) => f.hash.slice(0, 8)).join(',');
    console.log(`workers ${workers}: ${Math.round(wall)} ms wall ${Math.round((cu.user + cu.system) / 1000)} ms cpu ${h} lines ${fps.map((f) => f.lines)} load ${load()}`);
  }
}
