// Does DuckDB 1.5.6 run two ordered staged reads of different files at once on two connections of one instance, and
// is that cheaper than today's one ordered read of all the files? Usage:
//   node two-conns.mjs <package root> <ndjson dir> <reps> [variants, comma-separated: one,two,twotemp,single]
// one: today's events_fast.sql on one connection (all files); two: files split by size over two connections, each an
// ordered CTAS into an attached in-memory database both see; twotemp: the same into each connection's temp tables;
// single: one file alone on one connection. Prints wall / process CPU ms and CPU ticks (10 ms) of each busy thread.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const [root, dir, repsArg = '3', variantsArg = 'one,two'] = process.argv.slice(2);
const req = createRequire(join(resolve(root), 'package.json'));
const { listValue } = await import(pathToFileURL(req.resolve('@duckdb/node-api')).href);
const sql = (n) => readFileSync(join(resolve(root), 'src/sql', `${n}.sql`), 'utf8');
const files = readdirSync(dir).sort().map((f) => join(dir, f));
const work = `/work/ingest13i/h-${process.pid}`;
mkdirSync(work, { recursive: true });
const lib = (n) => import(pathToFileURL(join(resolve(root), 'dist', `${n}.js`)).href);
const [{ Db }, { migrate }] = await Promise.all(['engine/db', 'engine/migrate'].map(lib));
// The product's own open and schema (types such as quest_status), then a second connection of the same instance.
const db = await Db.open(join(work, 'h.duckdb'), { threads: 2, memoryLimit: '4GB', tempDirectory: join(work, 'tmp') });
await migrate(db);
const inst = db.instance;
const statements = (s) => s.split(/;\s*(?:\n|$)/).map((x) => x.trim()).filter((x) => x.replace(/--.*$/gm, '').trim() !== '');
async function conn() {
  const c = await inst.connect();
  await c.run("SET TimeZone = 'UTC'");
  for (const s of statements(sql('ingest/macros'))) await c.run(s);
  await c.run("SET VARIABLE ql_earliest = TIMESTAMP '2000-01-01'");
  await c.run("SET VARIABLE ql_latest = TIMESTAMP '2100-01-01'");
  await c.run('SET VARIABLE ql_max_id = 256');
  await c.run('SET VARIABLE ql_scan = false');
  await c.run('SET preserve_insertion_order = true');
  return c;
}
const c1 = await conn();
const c2 = await conn();
await c1.run("ATTACH ':memory:' AS ql_stage");
const seen = await c2.runAndReadAll("SELECT database_name FROM duckdb_databases() WHERE database_name = 'ql_stage'");
console.log('c2 sees ql_stage:', seen.getRows().length === 1);
const fast = sql('ingest/events_fast');
const into = (table) => fast.replace('CREATE OR REPLACE TEMP TABLE ql_read AS', `CREATE OR REPLACE TABLE ${table} AS`);
const params = (fs) => ({ paths: listValue(fs), long_line: 1 << 20 });
// Balanced split by size: largest first, each to the lighter side.
function split(fs) {
  const a = [], b = []; let sa = 0, sb = 0;
  for (const f of [...fs].sort((x, y) => statSync(y).size - statSync(x).size)) {
    if (sa <= sb) { a.push(f); sa += statSync(f).size; } else { b.push(f); sb += statSync(f).size; }
  }
  return [a.sort(), b.sort()];
}
const [h1, h2] = split(files);
const threadTicks = () => new Map(readdirSync('/proc/self/task').map((t) => {
  const f = readFileSync(`/proc/self/task/${t}/stat`, 'utf8').split(') ')[1].split(' ');
  return [t, Number(f[11]) + Number(f[12])];
}));
const variants = {
  one: async () => { await c1.run(fast, params(files)); return (await c1.runAndReadAll('SELECT count(*)::INTEGER, sum(h)::VARCHAR FROM ql_read')).getRows()[0]; },
  two: async () => {
    await Promise.all([c1.run(into('ql_stage.r1'), params(h1)), c2.run(into('ql_stage.r2'), params(h2))]);
    return (await c1.runAndReadAll('SELECT count(*)::INTEGER, sum(h)::VARCHAR FROM (FROM ql_stage.r1 UNION ALL FROM ql_stage.r2)')).getRows()[0];
  },
  // The lever's pure form: DuckDB's worker pool cut to the calling threads (threads = 1 is instance-wide), so each
  // connection reads its files on its own thread and no third thread competes for the two cores.
  two1: async () => {
    await c1.run('SET threads = 1');
    try { return await variants.two(); } finally { await c1.run('SET threads = 2'); }
  },
  twotemp: async () => {
    await Promise.all([c1.run(fast, params(h1)), c2.run(fast, params(h2))]);
    const a = (await c1.runAndReadAll('SELECT count(*)::INTEGER FROM ql_read')).getRows()[0];
    const b = (await c2.runAndReadAll('SELECT count(*)::INTEGER FROM ql_read')).getRows()[0];
    return [a[0] + b[0]];
  },
  single: async () => { await c1.run(fast, params([files[0]])); return (await c1.runAndReadAll('SELECT count(*)::INTEGER FROM ql_read')).getRows()[0]; },
};
const cleanup = async () => {
  for (const c of [c1, c2]) await c.run('DROP TABLE IF EXISTS ql_read');
  await c1.run('DROP TABLE IF EXISTS ql_stage.r1'); await c1.run('DROP TABLE IF EXISTS ql_stage.r2');
};
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
for (let rep = 1; rep <= Number(repsArg); rep++) {
  for (const v of variantsArg.split(',')) {
    await cleanup();
    const l = load(); const t = performance.now(); const cu = process.cpuUsage(); const tk = threadTicks();
    const r = await variants[v]();
    const ms = Math.round(performance.now() - t); const cc = process.cpuUsage(cu);
    const busy = [...threadTicks()].map(([k, x]) => x - (tk.get(k) ?? 0)).filter((n) => n > 2).sort((a, b) => b - a);
    console.log(`rep ${rep} ${v.padEnd(8)} wall ${ms} cpu ${Math.round((cc.user + cc.system) / 1000)} [${busy}] load ${l} ${JSON.stringify(r)}`);
  }
}
await cleanup();
c2.closeSync(); db.close();
rmSync(work, { recursive: true, force: true });
