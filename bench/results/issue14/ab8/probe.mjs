// STOP=name FILE=f [N=5]: when the nightly's statement NAME is about to run, every query of FILE (separated by lines
// `-- @@ label`; $tz bound where used) runs N times round robin first, CPU each; labels show... run once, rows printed.
// (the history database bench/segments.js --nightly made with PKG: WORK/segments-setup-<PKG folder>.duckdb)
// usage: [T=threads] [EXPLAIN=segments/name [MIN=s] [W=chars]] node probe.mjs PKG WORK N [TZ]: copies WORK/setup.duckdb (bench/segments.js --nightly's history
// database) to /tmp/seg14c/probe-<pkg>.duckdb, runs PKG's nightly for WORK/date.json's day without extras or publish
// output kept, then the same day's snapshot again N times (force; nothing to refresh, the kept quantiles now all
// present), printing per run the CPU of each segments/ statement and of the whole snapshot phase (ms).
import { cpSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
const [pkgArg, work, n = '5', tz = 'UTC'] = process.argv.slice(2);
const pkg = resolve(pkgArg);
const lib = (name) => import(pathToFileURL(join(pkg, 'dist', `${name}.js`)).href);
const [{ Db }, { nightly }, { normalizeConfig }, { computeSnapshots }] = await Promise.all(
  ['engine/db', 'jobs/nightly', 'config', 'engine/snapshot'].map(lib),
);
const names = new Map();
const walk = (dir, prefix = '') => {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p, `${prefix}${f}/`);
    else if (f.endsWith('.sql')) names.set(readFileSync(p, 'utf8'), `${prefix}${f.slice(0, -4)}`);
  }
};
walk(join(pkg, 'src/sql'));
const { date } = JSON.parse(readFileSync(join(work, 'date.json'), 'utf8'));
const db = `/tmp/seg14c/probe-${basename(pkg)}.duckdb`;
for (const f of [db, `${db}.wal`]) rmSync(f, { force: true });
cpSync(join(work, `segments-setup-${basename(pkg)}.duckdb`), db);
const config = {
  db,
  catalogue: join(work, '..', '..', '10m', 'plain', 'catalogue.csv'),
  timezone: tz,
  sources: {
    history: { format: 'events', paths: [join(work, 'history.parquet')] },
    today: { format: 'events', paths: [join(work, 'new-day.ndjson')] },
  },
};
const acc = new Map();
let stopped = false;
async function variants(handle, run, params) {
  const queries = readFileSync(process.env.FILE, 'utf8').split(/^-- @@ /m).slice(1).map((q) => {
    const i = q.indexOf('\n');
    return [q.slice(0, i).trim(), q.slice(i + 1)];
  });
  const times = Object.fromEntries(queries.map(([l]) => [l, []]));
  for (let i = 0; i < Number(process.env.N ?? 5); i++) {
    for (const [l, q] of queries) {
      if (l.startsWith('show')) continue;
      const c0 = process.cpuUsage();
      await run.call(handle, q, q.includes('$tz') ? { tz } : undefined);
      const c = process.cpuUsage(c0);
      times[l].push(Math.round((c.user + c.system) / 1000));
    }
  }
  const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  for (const [l] of queries) if (!l.startsWith('show')) console.log(JSON.stringify({ label: l, load: loadavg()[0].toFixed(1), median: med(times[l]), runs: times[l] }));
  for (const [l, q] of queries) if (l.startsWith('show')) console.log(l, JSON.stringify(await Db.prototype.all.call(handle, q), (k, v) => (typeof v === 'bigint' ? Number(v) : v)));
  void params;
}
for (const method of ['run', 'all']) {
  const orig = Db.prototype[method];
  Db.prototype[method] = async function (sql, params) {
    const key = names.get(sql) ?? `inline:${sql.slice(0, 30).replace(/\s+/g, ' ')}`;
    if (key === process.env.STOP && !stopped) {
      stopped = true;
      await variants(this, orig, params);
    }
    const c0 = process.cpuUsage();
    if (key === process.env.EXPLAIN) {
      // In place of the statement (an INSERT is executed by EXPLAIN ANALYZE): the operators over MIN seconds.
      const j = JSON.parse((await Db.prototype.all.call(this, `EXPLAIN (ANALYZE, FORMAT json) ${sql}`, params))[0].explain_value);
      const w = (node, d) => {
        if ((node.operator_timing ?? 0) >= Number(process.env.MIN ?? 0.002))
          console.log(`${' '.repeat(d)}${node.operator_name ?? node.name} ${(node.operator_timing ?? 0).toFixed(3)}s rows=${node.operator_cardinality ?? ''} ${JSON.stringify(node.extra_info ?? {}).slice(0, Number(process.env.W ?? 140))}`);
        for (const ch of node.children ?? []) w(ch, d + 1);
      };
      w(Array.isArray(j) ? j[0] : j, 0);
      return [];
    }
    const r = await orig.call(this, sql, params);
    const c = process.cpuUsage(c0);
    acc.set(key, (acc.get(key) ?? 0) + (c.user + c.system) / 1000);
    return r;
  };
}
await nightly({ db, config: normalizeConfig(config, work), asOf: date, out: '/tmp/seg14c/probe-site', extras: false }, { log: () => {} });
const seg = (m) => [...m].filter(([k]) => k.startsWith('segments/') && k !== 'segments/covers');
const first = Object.fromEntries(seg(acc).map(([k, v]) => [k.slice(9), Math.round(v)]));
for (const k of ['state/quantiles_gone', 'state/completed_gone', 'state/segment_completed']) first[k] = Math.round(acc.get(k) ?? 0);
first.state = Math.round([...acc].filter(([k]) => k.startsWith('state/')).reduce((x, [, v]) => x + v, 0));
console.log(JSON.stringify({ nightly: true, load: loadavg()[0].toFixed(1), first }));
const handle = await Db.open(db, { threads: Number(process.env.T ?? 2), memoryLimit: '4GB' });
for (let i = 0; i < Number(n); i++) {
  acc.clear();
  const c0 = process.cpuUsage();
  await computeSnapshots(handle, { asOf: date, force: true, timezone: tz, extras: false }, { log: () => {} });
  const c = process.cpuUsage(c0);
  const total = (c.user + c.system) / 1000;
  const s = seg(acc);
  const segs = s.reduce((a, [, v]) => a + v, 0);
  const state = [...acc].filter(([k]) => k.startsWith('state/')).reduce((a, [, v]) => a + v, 0);
  console.log(JSON.stringify({ load: loadavg()[0].toFixed(1), segments: Math.round(segs), rest: Math.round(total - segs - state), ...Object.fromEntries(s.map(([k, v]) => [k.slice(9), Math.round(v)])) }));
}
handle.close();
