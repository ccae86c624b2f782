// The publish of the 1M bench in isolation (issue 16 notes, "The fixed cost of a file"): the bench's NDJSON events
// ingested once into $QL_PUB_WORK/1m.duckdb (default /tmp/ql-pub-1m) with one snapshot of the bench's last day, then
// one timed publish with process CPU time (main thread + libuv pool + DuckDB threads).
//   node bench/results/issue16/publish-1m.mjs DIST [fresh|again|recycled] [--prof out.cpuprofile]
// fresh: into a new folder (the bench's first rep); again: over a live site, no `.old` (its second rep); recycled:
// over a live site with `.old` present (a nightly). DIST is a build's dist folder (this tree's or /work/main/dist).
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join, resolve } from 'node:path';

const [distArg, mode = 'fresh', ...rest] = process.argv.slice(2);
const dist = resolve(distArg);
const root = resolve(import.meta.dirname, '../../..');
const work = process.env.QL_PUB_WORK ?? '/tmp/ql-pub-1m';
mkdirSync(work, { recursive: true });
const { Db } = await import(`${dist}/engine/db.js`);
const { publish } = await import(`${dist}/publish/publish.js`);
const file = join(work, '1m.duckdb');
const asOf = '2026-12-23'; // bench/lib/datasets.js lastDay: 2026-11-09 + 45 days - 1
if (!existsSync(file)) {
  const { migrate } = await import(`${dist}/engine/migrate.js`);
  const { ingest } = await import(`${dist}/ingest/ingest.js`);
  const stats = await import(`${dist}/index.js`);
  const db = await Db.open(file);
  await migrate(db);
  const dir = join(root, 'bench/data/1m/plain/ndjson');
  const paths = readdirSync(dir).map((f) => join(dir, f));
  await ingest(db, { paths, format: 'events' }, { log() {} });
  await stats.refreshState(db, { log() {} });
  await stats.computeSnapshots(db, { asOf, force: true }, { log() {} });
  await db.run('CHECKPOINT');
  db.close();
}
const db = await Db.open(file, { readOnly: true });
const tag = dist.startsWith('/work/main') ? 'main' : 'wt';
const base = join(work, `site-${tag}`);
const out = join(base, 'site');
if (mode === 'fresh') rmSync(base, { recursive: true, force: true });
if (mode !== 'fresh' && !existsSync(out)) await publish(db, { out, asOf }, { log() {} });
if (mode === 'again') rmSync(join(base, '.site.old'), { recursive: true, force: true });
if (mode === 'recycled' && !existsSync(join(base, '.site.old'))) cpSync(out, join(base, '.site.old'), { recursive: true });
const pi = rest.indexOf('--prof');
let session;
if (pi >= 0) {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
}
const lines = [];
const c0 = process.cpuUsage();
const t0 = performance.now();
const s = await publish(db, { out, asOf }, { log: (l) => lines.push(`${Math.round(performance.now() - t0)} ${l}`) });
const ms = performance.now() - t0;
const cpu = process.cpuUsage(c0);
if (session) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(rest[pi + 1], JSON.stringify(profile));
}
if (rest.includes('-v')) console.log(lines.join('\n'));
console.log(
  `${tag} ${mode}: ${s.files} files, ${Math.round(ms)} ms wall, ${Math.round((cpu.user + cpu.system) / 1000)} ms cpu ` +
    `(user ${Math.round(cpu.user / 1000)}, sys ${Math.round(cpu.system / 1000)})`,
);
db.close();
