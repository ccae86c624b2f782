// A full state rebuild alone (refreshState on a copy of an ingested database with no state yet), timed: process CPU
// (DuckDB's threads included) and wall of the whole call and of every statement, named by its .sql file (inline SQL by
// its start; COMMIT separately).
//   node rebuild-prof.mjs PKG INGESTED.duckdb [KEEP.duckdb]
// PKG: a package root with dist/ and src/sql/. KEEP: where the rebuilt database is left (for state-eq.mjs); else removed.
// EXPLAIN=state/quest_state,... prints those files' statements' operators (EXPLAIN ANALYZE) instead of timing them.
// MIN_MS (default 20): the smallest statement listed. One JSON line on stdout.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkg, source, keep] = process.argv.slice(2);
const lib = (n) => import(pathToFileURL(join(resolve(pkg), 'dist', `${n}.js`)).href);
const [{ Db }, { migrate }, { refreshState }] = await Promise.all(['engine/db', 'engine/migrate', 'engine/state'].map(lib));
const names = new Map();
const walk = (dir) => {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (f.endsWith('.sql')) names.set(readFileSync(p, 'utf8'), p.split('/src/sql/')[1].slice(0, -4));
  }
};
walk(resolve(pkg, 'src/sql'));
const work = mkdtempSync(join(tmpdir(), 'rebuild-prof-'));
const path = keep ?? join(work, 's.duckdb');
copyFileSync(source, path);
const db = await Db.open(path, { threads: 2, memoryLimit: '6GB', tempDirectory: join(work, 'tmp') });
await migrate(db);
const acc = new Map();
// TICKS=1: also the CPU ticks (10 ms) of each busy thread per statement (how parallel it ran), on stderr.
const threadTicks = () =>
  new Map(readdirSync('/proc/self/task').map((t) => {
    const f = readFileSync(`/proc/self/task/${t}/stat`, 'utf8').split(') ')[1].split(' ');
    return [t, Number(f[11]) + Number(f[12])];
  }));
const add = (key, c, t0, ticks) => {
  if (ticks) {
    const busy = [...threadTicks()].map(([k, v]) => v - (ticks.get(k) ?? 0)).filter((n) => n > 2);
    if (busy.length) process.stderr.write(`${key} [${busy.sort((a, b) => b - a)}]\n`);
  }
  const a = acc.get(key) ?? { cpu: 0, wall: 0 };
  a.cpu += (c.user + c.system) / 1000;
  a.wall += performance.now() - t0;
  acc.set(key, a);
};
const explain = (process.env.EXPLAIN ?? '').split(',');
const allOrig = Db.prototype.all;
const op = (n, d, out) => {
  if ((n.operator_timing ?? 0) >= 0.005)
    out.push(`${' '.repeat(d)}${n.operator_name ?? n.name} ${(n.operator_timing ?? 0).toFixed(3)}s rows=${n.operator_cardinality ?? ''} ${JSON.stringify(n.extra_info ?? {}).slice(0, 160)}`);
  for (const ch of n.children ?? []) op(ch, d + 1, out);
};
for (const method of ['run', 'all']) {
  const orig = Db.prototype[method];
  Db.prototype[method] = async function (sql, params) {
    const key = names.get(sql) ?? `inline:${sql.slice(0, 60).replace(/\s+/g, ' ')}`;
    if (explain.includes(key)) {
      for (const s of sql.split(/;\s*\n/).filter((x) => x.replace(/--.*$/gm, '').trim())) {
        if (/^\s*(--.*\n\s*)*(CREATE OR REPLACE TEMP (VIEW|MACRO)|DROP)/i.test(s)) { await orig.call(this, s, params); continue; }
        const used = params && Object.fromEntries(Object.entries(params).filter(([k]) => new RegExp(`\\$${k}\\b`).test(s)));
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        const rows = await allOrig.call(this, `EXPLAIN (ANALYZE, FORMAT json) ${s}`, used && Object.keys(used).length ? used : undefined);
        const c = process.cpuUsage(c0);
        const out = [];
        const j = JSON.parse(rows[0].explain_value);
        op(Array.isArray(j) ? j[0] : j, 0, out);
        process.stderr.write(`--- ${key} ${Math.round(performance.now() - t0)} ms wall ${Math.round((c.user + c.system) / 1000)} ms cpu: ${s.replace(/--.*\n/g, '').trim().slice(0, 100)}\n${out.join('\n')}\n`);
      }
      return method === 'run' ? undefined : [{ Count: 0, n: 0 }];
    }
    const ticks = process.env.TICKS ? threadTicks() : undefined;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    try {
      return await orig.call(this, sql, params);
    } finally {
      add(key, process.cpuUsage(c0), t0, ticks);
    }
  };
}
const conn = db.connection;
const connRun = conn.run.bind(conn);
conn.run = async (sql, params) => {
  if (sql !== 'COMMIT') return connRun(sql, params);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    return await connRun(sql, params);
  } finally {
    add('COMMIT', process.cpuUsage(c0), t0);
  }
};
const load0 = loadavg()[0].toFixed(1);
const c0 = process.cpuUsage();
const t0 = performance.now();
const r = await refreshState(db, { log() {}, now: () => new Date() });
const wall = Math.round(performance.now() - t0);
const c = process.cpuUsage(c0);
const minMs = Number(process.env.MIN_MS ?? 20);
const top = [...acc].filter(([, v]) => v.wall >= minMs || v.cpu >= minMs).sort((a, b) => b[1].cpu - a[1].cpu)
  .map(([k, v]) => `${k} ${Math.round(v.wall)}/${Math.round(v.cpu)}`);
const h = async (q) => (await db.one(q))?.h?.toString();
const hi = await h('SELECT sum(hash(*COLUMNS(*))) AS h FROM state_intervals');
const hc = await h('SELECT sum(hash(*COLUMNS(*))) AS h FROM state_current');
db.close();
rmSync(work, { recursive: true, force: true });
console.log(JSON.stringify({ pkg, load: [load0, loadavg()[0].toFixed(1)], wall, cpu: Math.round((c.user + c.system) / 1000), ...r, hi, hc, top }));
