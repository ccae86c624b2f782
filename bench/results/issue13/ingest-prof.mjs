// Ingest alone, timed (wall and process CPU, DuckDB's threads included), for A/B between builds in the same minutes.
// Usage: [SIZE=10m] [DATA=dir] node bench/results/issue13/ingest-prof.mjs <package root with dist/> [ndjson|csv|parquet] [--stmts]
// --stmts also lists every statement over 20 ms: start offset, wall ms, CPU ms, [CPU ticks (10 ms) of each thread that
// worked on it] (how many threads DuckDB really used). Reads bench/data/$SIZE/plain/<format> (SIZE: 1m by default).
// After ingest, a CHECKPOINT is timed apart (`ck`: wall/CPU ms), so work deferred past the commit is not missed.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, format = 'ndjson', flag] = process.argv.slice(2);
const lib = (n) => import(pathToFileURL(join(resolve(root), 'dist', `${n}.js`)).href);
const [{ Db }, { ingest }, { migrate }] = await Promise.all(['engine/db', 'ingest/ingest', 'engine/migrate'].map(lib));
// DATA: another data root holding <SIZE>/plain/<format> (a helper's hard-linked copy).
const dir = resolve(process.env.DATA ?? resolve(import.meta.dirname, '../../data'), process.env.SIZE ?? '1m', 'plain', format);
const inputs = readdirSync(dir).sort().map((f) => join(dir, f));
const work = mkdtempSync(join(tmpdir(), 'ingest-prof-'));
const db = await Db.open(join(work, 'p.duckdb'), { threads: 2, memoryLimit: '6GB', tempDirectory: join(work, 'tmp') });
await migrate(db);
const cpuMs = (c) => (c.user + c.system) / 1000;
/** CPU ticks (utime + stime) of each thread of this process, from /proc. */
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
  // Db.transaction runs BEGIN/COMMIT on the connection itself: time there, so COMMIT shows too.
  const conn = db.connection;
  const run = conn.run.bind(conn);
  conn.run = async (sql, p) => {
    const t = performance.now();
    const c = process.cpuUsage();
    const ticks = threadTicks();
    try {
      return await run(sql, p);
    } finally {
      const busy = [...threadTicks()].map(([k, v]) => v - (ticks.get(k) ?? 0)).filter((n) => n > 2);
      const sqlText = sql.replace(/\s+/g, ' ').slice(0, 80);
      stm.push([t - t0, performance.now() - t, cpuMs(process.cpuUsage(c)), `[${busy.sort((a, b) => b - a)}] ${sqlText}`]);
    }
  };
}
const c0 = process.cpuUsage();
t0 = performance.now();
const s = await ingest(db, { paths: inputs, format: 'events', cwd: work }, { log() {} });
const wall = performance.now() - t0;
const cpu = cpuMs(process.cpuUsage(c0));
const tk = performance.now();
const ck0 = process.cpuUsage();
await db.run('CHECKPOINT');
const ck = `${Math.round(performance.now() - tk)}/${Math.round(cpuMs(process.cpuUsage(ck0)))}`;
db.close();
rmSync(work, { recursive: true, force: true });
for (const [at, ms, c, sql] of stm) {
  if (ms > 20) console.log(at.toFixed(0).padStart(6), ms.toFixed(0).padStart(6), c.toFixed(0).padStart(6), sql);
}
const { lines_read: lines, loaded, duplicates } = s.totals;
console.log(JSON.stringify({ root, format, wall: Math.round(wall), cpu: Math.round(cpu), lines, loaded, duplicates, ck }));
