// The state step alone, timed (wall and process CPU, DuckDB's threads included), for A/B between builds.
// Usage: node bench/results/issue13/state-prof.mjs <package root with dist/> <ingested.duckdb> [--stmts]
// Copies the ingested database (a fresh ingest, no state yet) to a new file, then times refreshState on the copy.
// --stmts lists every statement over 20 ms: start offset, wall ms, CPU ms, [CPU ticks (10 ms) per busy thread], SQL.
// Prints a hash of state_intervals and state_current so builds can be checked for the same rows.
// To make the ingested database: node bench/results/issue13/state-prof.mjs <root> <new.duckdb> --make [ndjson|parquet]
// (SIZE=10m reads bench/data/10m instead of 1m).
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, source, flag, format = 'ndjson'] = process.argv.slice(2);
const lib = (n) => import(pathToFileURL(join(resolve(root), 'dist', `${n}.js`)).href);
const [{ Db }, { ingest }, { migrate }, { refreshState }] = await Promise.all(
  ['engine/db', 'ingest/ingest', 'engine/migrate', 'engine/state'].map(lib),
);
const work = mkdtempSync(join(tmpdir(), 'state-prof-'));
const opts = { threads: 2, memoryLimit: '6GB', tempDirectory: join(work, 'tmp') };
if (flag === '--make') {
  const dir = resolve(import.meta.dirname, '../../data', process.env.SIZE ?? '1m', 'plain', format);
  const inputs = readdirSync(dir).sort().map((f) => join(dir, f));
  const db = await Db.open(source, opts);
  await migrate(db);
  await ingest(db, { paths: inputs, format: 'events', cwd: work }, { log() {} });
  await db.run('CHECKPOINT');
  db.close();
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}
const path = join(work, 's.duckdb');
copyFileSync(source, path);
const db = await Db.open(path, opts);
await migrate(db);
const cpuMs = (c) => (c.user + c.system) / 1000;
const threadTicks = () =>
  new Map(
    readdirSync('/proc/self/task').map((t) => {
      const f = readFileSync(`/proc/self/task/${t}/stat`, 'utf8').split(') ')[1].split(' ');
      return [t, Number(f[11]) + Number(f[12])];
    }),
  );
const stm = [];
let t0 = 0;
if (flag === '--stmts') {
  const conn = db.connection;
  for (const m of ['run', 'runAndReadAll']) {
    const orig = conn[m].bind(conn);
    conn[m] = async (sql, p) => {
      const t = performance.now();
      const c = process.cpuUsage();
      const ticks = threadTicks();
      try {
        return await orig(sql, p);
      } finally {
        const busy = [...threadTicks()].map(([k, v]) => v - (ticks.get(k) ?? 0)).filter((n) => n > 2);
        const sqlText = sql.replace(/--[^\n]*\n/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 90);
        stm.push([t - t0, performance.now() - t, cpuMs(process.cpuUsage(c)), `[${busy.sort((a, b) => b - a)}] ${sqlText}`]);
      }
    };
  }
}
const c0 = process.cpuUsage();
t0 = performance.now();
const r = await refreshState(db, { log() {}, now: () => new Date() });
const wall = performance.now() - t0;
const cpu = cpuMs(process.cpuUsage(c0));
const tk = performance.now();
const ck0 = process.cpuUsage();
await db.run('CHECKPOINT');
const ck = `${Math.round(performance.now() - tk)}/${Math.round(cpuMs(process.cpuUsage(ck0)))}`;
const h = async (q) => (await db.one(q))?.h?.toString();
const hi = await h('SELECT sum(hash(player_id, quest_id, valid_from, valid_to, bucket, completion_seconds, attempts, anomaly, last_accept)) AS h FROM state_intervals');
const hc = await h('SELECT sum(hash(*COLUMNS(*))) AS h FROM state_current');
db.close();
rmSync(work, { recursive: true, force: true });
for (const [at, ms, c, sql] of stm) {
  if (ms > 20) console.log(at.toFixed(0).padStart(6), ms.toFixed(0).padStart(6), c.toFixed(0).padStart(6), sql);
}
console.log(JSON.stringify({ root, wall: Math.round(wall), cpu: Math.round(cpu), ck, ...r, hi, hc }));
