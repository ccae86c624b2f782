// The state and snapshot phases of the bench contender on a copy of an ingested database, every statement timed:
//   node phase-stmts.mjs PKG INGESTED.duckdb [ASOF]
// Prints per phase: statements, wall / CPU ms, the sum of the statements under 10 ms (the fixed per-statement cost),
// the statements over 10 ms, and the hashes of state_intervals and state_current (same rows between builds).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, source, asOf = '2026-12-23'] = process.argv.slice(2);
const lib = (n) => import(pathToFileURL(join(resolve(root), 'dist', `${n}.js`)).href);
const [{ Db }, { migrate }, { refreshState }, { computeSnapshots }] = await Promise.all(
  ['engine/db', 'engine/migrate', 'engine/state', 'engine/snapshot'].map(lib),
);
const work = mkdtempSync(join(tmpdir(), 'phase-stmts-'));
const path = join(work, 's.duckdb');
copyFileSync(source, path);
const db = await Db.open(path, { threads: 2, memoryLimit: '6GB', tempDirectory: join(work, 'tmp') });
await migrate(db);
if (process.env.NOPB) await db.run('SET enable_progress_bar = false');
const cpuMs = (c) => (c.user + c.system) / 1000;
let stm = [];
const conn = db.connection;
// runAndReadAll goes through run: wrapping run sees every statement once.
for (const m of ['run']) {
  const orig = conn[m].bind(conn);
  conn[m] = async (sql, p) => {
    const t = performance.now();
    const c = process.cpuUsage();
    try {
      return await orig(sql, p);
    } finally {
      const text = sql.replace(/--[^\n]*\n/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
      stm.push([performance.now() - t, cpuMs(process.cpuUsage(c)), text]);
    }
  };
}
const quiet = { log() {}, now: () => new Date() };
for (const [name, fn] of [
  ['state', () => refreshState(db, quiet)],
  ['snapshot', () => computeSnapshots(db, { asOf, force: true }, quiet)],
]) {
  stm = [];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wall = performance.now() - t0;
  const cpu = cpuMs(process.cpuUsage(c0));
  const small = stm.filter(([ms]) => ms < 10);
  const sum = (xs, i) => xs.reduce((a, x) => a + x[i], 0);
  console.log(
    `${name}: ${stm.length} statements, ${wall.toFixed(0)}/${cpu.toFixed(0)} ms; ${small.length} under 10 ms: ` +
      `${sum(small, 0).toFixed(0)}/${sum(small, 1).toFixed(0)} ms; in statements ${sum(stm, 0).toFixed(0)} ms`,
  );
  for (const [ms, c, text] of stm) if (ms >= 10 || process.env.ALL) console.log(`  ${ms.toFixed(1).padStart(7)} ${c.toFixed(0).padStart(5)} ${text}`);
}
const h = async (q) => (await db.one(q))?.h?.toString();
const hi = await h('SELECT sum(hash(player_id, quest_id, valid_from, valid_to, bucket, completion_seconds, attempts, anomaly, last_accept)) AS h FROM state_intervals');
const hc = await h('SELECT sum(hash(*COLUMNS(*))) AS h FROM state_current');
const hs = await h('SELECT sum(hash(*COLUMNS(*))) AS h FROM snapshots');
db.close();
rmSync(work, { recursive: true, force: true });
console.log(JSON.stringify({ root, hi, hc, hs }));
