// round12-batch13j copy of ../ingest-prof.mjs: same run, plus with --stmts a per-category sum of EVERY statement
// (not only those over 20 ms), to find what a batch costs beyond its staged read and insert.
// MEM: DuckDB's memory_limit (6GB as in ../ingest-prof.mjs unless given); INSPECT, SMALL: see below.
// Ingest alone, timed (wall and process CPU, DuckDB's threads included), for A/B between builds in the same minutes.
// Usage: [SIZE=10m] [DATA=dir] node bench/results/issue13/ingest-prof.mjs <package root with dist/> [ndjson|csv|parquet] [--stmts]
// --stmts also lists every statement over 20 ms: start offset, wall ms, CPU ms, [CPU ticks (10 ms) of each thread that
// worked on it] (how many threads DuckDB really used). Reads bench/data/$SIZE/plain/<format> (SIZE: 1m by default).
// After ingest, a CHECKPOINT is timed apart (`ck`: wall/CPU ms), so work deferred past the commit is not missed.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, format = 'ndjson', flag] = process.argv.slice(2);
const lib = (n) => import(pathToFileURL(join(resolve(root), 'dist', `${n}.js`)).href);
const [{ Db }, { ingest }, { migrate }] = await Promise.all(['engine/db', 'ingest/ingest', 'engine/migrate'].map(lib));
// DATA: another data root holding <SIZE>/plain/<format> (a helper's hard-linked copy).
const dir = resolve(process.env.DATA ?? resolve(import.meta.dirname, '../../../data'), process.env.SIZE ?? '1m', 'plain', format);
const inputs = readdirSync(dir).sort().map((f) => join(dir, f));
const work = mkdtempSync(join(tmpdir(), 'ingest-prof-'));
const db = await Db.open(join(work, 'p.duckdb'), { threads: 2, memoryLimit: process.env.MEM ?? '6GB', tempDirectory: join(work, 'tmp') });
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
// INSPECT: the WAL's size and each table's row groups before the checkpoint (what the checkpoint has to write).
const inspect = async (when) => {
  if (!process.env.INSPECT) return;
  const wal = (() => { try { return statSync(join(work, 'p.duckdb.wal')).size; } catch { return 0; } })();
  const rg = await db.all(`SELECT table_name AS t, count(DISTINCT row_group_id)::INTEGER AS rg, count(DISTINCT block_id)::INTEGER AS blocks,
    count_if(persistent)::INTEGER AS persistent, count(*)::INTEGER AS segs
    FROM pragma_storage_info('events') CROSS JOIN (SELECT 'events' AS table_name) GROUP BY ALL
    UNION ALL SELECT 'file_players', count(DISTINCT row_group_id), count(DISTINCT block_id), count_if(persistent), count(*) FROM pragma_storage_info('file_players')
    ORDER BY 1`);
  console.log('inspect', when, 'wal', wal, JSON.stringify(rg), 'db', statSync(join(work, 'p.duckdb')).size);
};
await inspect('before');
const tk = performance.now();
const ck0 = process.cpuUsage();
await db.run('CHECKPOINT');
const ck = `${Math.round(performance.now() - tk)}/${Math.round(cpuMs(process.cpuUsage(ck0)))}`;
await inspect('after');
db.close();
rmSync(work, { recursive: true, force: true });
for (const [at, ms, c, sql] of stm) {
  if (ms > 20) console.log(at.toFixed(0).padStart(6), ms.toFixed(0).padStart(6), c.toFixed(0).padStart(6), sql);
}
const { lines_read: lines, loaded, duplicates } = s.totals;
console.log(JSON.stringify({ root, format, wall: Math.round(wall), cpu: Math.round(cpu), lines, loaded, duplicates, ck }));

const cat = (q) =>
  /Fast path for canonical NDJSON/.test(q) ? 'read' : /staged rows of the batch's clean files into events/.test(q) ? 'insert'
  : /What the NDJSON fast path loaded/.test(q) ? 'dups' : /^\[[^\]]*\] -- Players of the NDJSON/.test(q) ? 'players'
  : /INSERT INTO dirty_players/.test(q) ? 'dirty' : /COMMIT/.test(q) ? 'commit' : /DROP (TABLE|VIEW)/.test(q) ? 'drops' : 'other';
const sums = new Map();
for (const [, ms, c, q] of stm) {
  const k = cat(q);
  const s0 = sums.get(k) ?? { n: 0, wall: 0, cpu: 0 };
  sums.set(k, { n: s0.n + 1, wall: s0.wall + ms, cpu: s0.cpu + c });
}
if (stm.length > 0)
  console.log('sums', JSON.stringify(Object.fromEntries([...sums].map(([k, v]) => [k, `${v.n}x ${Math.round(v.wall)}/${Math.round(v.cpu)}`]))));
// The small statements ('other' and 'drops'), grouped by their first 60 characters: count, wall/CPU ms.
const small = new Map();
for (const [, ms, c, q] of stm) {
  if (!['other', 'drops'].includes(cat(q))) continue;
  const k = q.replace(/^\[[^\]]*\] /, '').slice(0, 60);
  const s0 = small.get(k) ?? [0, 0, 0];
  small.set(k, [s0[0] + 1, s0[1] + ms, s0[2] + c]);
}
if (process.env.SMALL)
  for (const [k, [n, w, c]] of [...small].sort((a, b) => b[1][1] - a[1][1]))
    console.log('small', String(n).padStart(4), String(Math.round(w)).padStart(6), String(Math.round(c)).padStart(6), k);
