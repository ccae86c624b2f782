// The nightly's state and snapshot steps, statement by statement, on a copy of a history database: ingest the night's
// files (untimed), then refreshState and the one-date computeSnapshots as bench/contenders/questlog.js calls them, with
// the process CPU and wall of each step and of every statement (named by its .sql file; inline SQL by its start).
//   node state-steps.mjs PKG DB AS_OF [TZ] -- FILE...   (DB is changed: give it a fresh copy)
// EXPLAIN=state/touched,state/extend prints those statements's operators (EXPLAIN ANALYZE) instead of timing it. MIN_MS: the smallest
// statement listed (default 50). One JSON line on stdout.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const argv = process.argv.slice(2);
const [pkg, dbPath, asOf, tz = 'UTC'] = argv.slice(0, argv.indexOf('--'));
const files = argv.slice(argv.indexOf('--') + 1);
const lib = (n) => import(pathToFileURL(`${pkg}/dist/${n}.js`).href);
const { Db } = await lib('engine/db');
const { migrate } = await lib('engine/migrate');
const { ingest } = await lib('ingest/ingest');
const stats = await lib('index');
const names = new Map();
const walk = (dir) => {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (f.endsWith('.sql')) names.set(readFileSync(p, 'utf8'), p.split('/src/sql/')[1].slice(0, -4));
  }
};
walk(resolve(pkg, 'src/sql'));
const db = await Db.open(dbPath, { threads: 2, memoryLimit: '6GB', tempDirectory: `${dbPath}.tmp` });
await db.run('SET preserve_insertion_order = false');
await migrate(db);
const quiet = { log: () => {} };
const summary = await ingest(db, { paths: files, format: 'events' }, quiet);
const acc = new Map();
const allOrig = Db.prototype.all;
const op = (n, d, out) => {
  if ((n.operator_timing ?? 0) >= 0.005)
    out.push(`${' '.repeat(d)}${n.operator_name ?? n.name} ${(n.operator_timing ?? 0).toFixed(3)}s rows=${n.operator_cardinality ?? ''} ${JSON.stringify(n.extra_info ?? {}).slice(0, 140)}`);
  for (const ch of n.children ?? []) op(ch, d + 1, out);
};
for (const method of ['run', 'all', 'one']) {
  const orig = Db.prototype[method];
  Db.prototype[method] = async function (sql, params) {
    const key = names.get(sql) ?? `inline:${sql.slice(0, 50).replace(/\s+/g, ' ')}`;
    if ((process.env.EXPLAIN ?? "").split(",").includes(key)) {
      // A script file: each statement explained (the last one is the one that matters most often).
      for (const s of sql.split(/;\s*\n/).filter((x) => x.replace(/--.*$/gm, '').trim())) {
        if (/^\s*(--.*\n\s*)*(CREATE OR REPLACE TEMP VIEW|DROP)/i.test(s)) { await orig.call(this, s, params); continue; }
        const used = params && Object.fromEntries(Object.entries(params).filter(([k]) => new RegExp(`\\$${k}\\b`).test(s)));
        const rows = await allOrig.call(this, `EXPLAIN (ANALYZE, FORMAT json) ${s}`, used && Object.keys(used).length ? used : undefined);
        const out = [];
        const j = JSON.parse(rows[0].explain_value);
        op(Array.isArray(j) ? j[0] : j, 0, out);
        process.stderr.write(`--- ${s.replace(/--.*\n/g, '').trim().slice(0, 100)}\n${out.join('\n')}\n`);
      }
      return method === 'run' ? undefined : [];
    }
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await orig.call(this, sql, params);
    const c = process.cpuUsage(c0);
    const a = acc.get(key) ?? { cpu: 0, wall: 0, n: 0 };
    a.cpu += (c.user + c.system) / 1000;
    a.wall += performance.now() - t0;
    a.n++;
    acc.set(key, a);
    return r;
  };
}
// The transaction's COMMIT goes straight to the connection (Db.transaction): timed there.
const conn = db.connection;
const connRun = conn.run.bind(conn);
conn.run = async (sql, params) => {
  if (sql !== 'COMMIT') return connRun(sql, params);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await connRun(sql, params);
  const c = process.cpuUsage(c0);
  const a = acc.get('COMMIT') ?? { cpu: 0, wall: 0, n: 0 };
  a.cpu += (c.user + c.system) / 1000;
  a.wall += performance.now() - t0;
  a.n++;
  acc.set('COMMIT', a);
  return r;
};
const minMs = Number(process.env.MIN_MS ?? 50);
const step = async (fn) => {
  acc.clear();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const c = process.cpuUsage(c0);
  const top = [...acc].filter(([, v]) => v.wall >= minMs || v.cpu >= minMs).sort((a, b) => b[1].wall - a[1].wall)
    .map(([k, v]) => [k, Math.round(v.wall), Math.round(v.cpu)]);
  return { wall: Math.round(performance.now() - t0), cpu: Math.round((c.user + c.system) / 1000), top };
};
// NOCKPT=1: no automatic checkpoint at the commits (checkpoint_threshold raised); one CHECKPOINT timed at the end.
if (process.env.NOCKPT) await db.run("SET checkpoint_threshold = '100GB'");
const load0 = loadavg()[0].toFixed(1);
const state = await step(() => stats.refreshState(db, quiet));
const snapshot = await step(() => stats.computeSnapshots(db, { asOf, timezone: tz, force: true }, quiet));
const checkpoint = process.env.NOCKPT ? await step(() => db.run('CHECKPOINT')) : undefined;
console.log(JSON.stringify({ pkg, asOf, tz, events: summary.totals.lines_read, load: [load0, loadavg()[0].toFixed(1)], state, snapshot, checkpoint }));
db.close();
