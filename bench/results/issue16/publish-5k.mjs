// One nightly-like publish of a 5,000-quest site from demo data (issue 16 notes, round 7 pages16b): the demo generator's
// 5,000 quests (~5M events, Parquet, bench/lib/datasets.js's 100M shape scaled down) ingested once into
// $QL_PUB_WORK/5k.duckdb (default /tmp/ql-pub-5k) with snapshots of the last DATES days, then one timed publish of the
// last day with process CPU time, over a live site with `.site.old` present (a nightly's form) or into a new folder.
//   node bench/results/issue16/publish-5k.mjs DIST [recycled|fresh] [--prof out.cpuprofile]
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { basename, dirname, join, resolve } from 'node:path';

const [distArg, mode = 'recycled', ...rest] = process.argv.slice(2);
const dist = resolve(distArg);
const work = process.env.QL_PUB_WORK ?? '/tmp/ql-pub-5k';
mkdirSync(work, { recursive: true });
const { Db } = await import(`${dist}/engine/db.js`);
const { publish } = await import(`${dist}/publish/publish.js`);
const file = join(work, '5k.duckdb');
const shape = { seed: 42, minEvents: 5, maxEvents: 20, unknownQuests: 0, unreleasedQuests: 0, idle: 0.03,
  events: 5_000_000, quests: 5000, meanQuests: 8, days: 45, shards: 4, formats: ['parquet'] };
const DATES = 35; // snapshot dates: more than the pages' 31-date window, across two months
const day = (i) => new Date(Date.UTC(2026, 10, 9) + i * 86_400_000).toISOString().slice(0, 10);
const asOf = day(shape.days - 1);
if (!existsSync(file)) {
  const data = join(work, 'data');
  if (!existsSync(join(data, 'parquet'))) {
    const { generateDemoData } = await import(`${dist}/demo/generate.js`);
    const s = await generateDemoData({ ...shape, out: data }, { log() {} });
    console.log(`${s.events} events, ${s.players} players, ${s.quests} quests`);
  }
  const { migrate } = await import(`${dist}/engine/migrate.js`);
  const { ingest } = await import(`${dist}/ingest/ingest.js`);
  const stats = await import(`${dist}/index.js`);
  const db = await Db.open(join(work, 'build.duckdb'));
  await db.run("SET threads = 2; SET memory_limit = '4GB'");
  await migrate(db);
  const dir = join(data, 'parquet');
  const paths = readdirSync(dir).map((f) => join(dir, f));
  await ingest(db, { paths, format: 'events' }, { log() {} });
  await stats.refreshState(db, { log() {} });
  for (let i = shape.days - DATES; i < shape.days; i++)
    await stats.computeSnapshots(db, { asOf: day(i), force: true }, { log() {} });
  await db.run('CHECKPOINT');
  db.close();
  (await import('node:fs')).renameSync(join(work, 'build.duckdb'), file);
}
const db = await Db.open(file, { readOnly: true });
// One site per build: the folder holding DIST (a worktree's name).
const tag = basename(dirname(dist));
const base = join(work, `site-${tag}`);
const out = join(base, 'site');
if (mode === 'fresh') rmSync(base, { recursive: true, force: true });
if (mode !== 'fresh' && !existsSync(out)) await publish(db, { out, asOf }, { log() {} });
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
const load = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
console.log(`${tag} ${mode}: ${Math.round(ms)} ms wall, ${Math.round((cpu.user + cpu.system) / 1000)} ms cpu (process), load ${load}`);
for (const l of lines) console.log(`  ${l}`);
db.close();
