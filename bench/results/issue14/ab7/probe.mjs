// In-situ timing of several queries: a nightly on a copy of a bench database (as ../ab5/nightly.mjs: DAY's events
// shifted SHIFT days, refreshState), then the one-date snapshot; when the statement NAME (a .sql file under src/sql)
// is about to run, every query of FILE (queries separated by lines `-- @@ label`; $tz bound where used) is run N times
// round robin, process CPU each (medians and all runs printed); EXPLAIN=label prints that query's plan once; a query
// labelled show... runs once at the end and its rows are printed (e.g. an EXCEPT ALL of two variants' tables).
// usage: [N=5] [T=threads, 2] [EXPLAIN=label] node probe.mjs DIST DB NAME FILE [DAY] [SHIFT] [TZ]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
const [dist, dbPath, name, file, day = '2026-12-14', shift = '10', tz = 'UTC'] = process.argv.slice(2);
const lib = (n) => import(pathToFileURL(`${dist}/${n}.js`).href);
const { Db } = await lib('engine/db');
const { refreshState } = await lib('engine/state');
const { computeSnapshots } = await lib('engine/snapshot');
const names = new Map();
const walk = (dir) => { for (const f of readdirSync(dir)) { const p = join(dir, f); if (statSync(p).isDirectory()) walk(p); else if (f.endsWith('.sql')) names.set(readFileSync(p, 'utf8'), p.split('/src/sql/')[1].slice(0, -4)); } };
walk(resolve(dist, '../src/sql'));
const db = await Db.open(dbPath, { threads: Number(process.env.T ?? 2), memoryLimit: '4GB' });
const id = (await db.one(`INSERT INTO files SELECT max(file_id) + 1, 'night.ndjson', 'night-hash', 'events', NULL, 0, 0, 0, 0, 0, TIMESTAMP '2026-12-26' FROM files RETURNING file_id AS id`)).id;
await db.run(`INSERT INTO events SELECT ${id}, line, ts + to_days(${Number(shift)}), player_id, quest_id, status, session_id, build, platform FROM events WHERE ts >= '${day}'::TIMESTAMP AND ts < '${day}'::TIMESTAMP + INTERVAL 1 DAY`);
await db.run(`INSERT INTO file_players SELECT file_id, player_id, min(ts) FROM events WHERE file_id = ${id} GROUP BY ALL`);
await db.run(`INSERT INTO dirty_players SELECT DISTINCT player_id FROM file_players WHERE file_id = ${id} EXCEPT SELECT player_id FROM dirty_players`);
const asOf = (await db.one(`SELECT (timezone('${tz}', max(ts)::TIMESTAMPTZ))::DATE::VARCHAR AS d FROM events`)).d;
console.log(JSON.stringify(await refreshState(db, { log: () => {} })));
const queries = readFileSync(file, 'utf8').split(/^-- @@ /m).slice(1).map((s) => { const i = s.indexOf('\n'); return [s.slice(0, i).trim(), s.slice(i + 1)]; });
const cpu = async (f) => { const c0 = process.cpuUsage(); await f(); const c = process.cpuUsage(c0); return Math.round((c.user + c.system) / 1000); };
const orig = Db.prototype.run;
const all = Db.prototype.all;
const plan = async (db, sql, params) => {
  const j = JSON.parse((await all.call(db, `EXPLAIN (ANALYZE, FORMAT json) ${sql}`, params))[0].explain_value);
  const w = (n, d) => { if ((n.operator_timing ?? 0) >= 0.002) console.log(`${' '.repeat(d)}${n.operator_name ?? n.name} ${(n.operator_timing ?? 0).toFixed(3)}s rows=${n.operator_cardinality ?? ''} ${JSON.stringify(n.extra_info ?? {}).slice(0, 160)}`); for (const ch of n.children ?? []) w(ch, d + 1); };
  w(Array.isArray(j) ? j[0] : j, 0);
};
let done = false;
Db.prototype.run = async function (sql, params) {
  if (!done && names.get(sql) === name) {
    done = true;
    const times = Object.fromEntries(queries.map(([l]) => [l, []]));
    for (let i = 0; i < Number(process.env.N ?? 5); i++) {
      for (const [l, q] of queries) if (!l.startsWith('show')) times[l].push(await cpu(() => orig.call(this, q, q.includes('$tz') ? { tz } : undefined)));
    }
    for (const [l, q] of queries) if (process.env.EXPLAIN === l) { console.log(`--- ${l}`); await plan(this, q, q.includes('$tz') ? { tz } : undefined); }
    const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
    for (const [l] of queries) if (!l.startsWith('show')) console.log(JSON.stringify({ label: l, load: loadavg()[0].toFixed(1), median: med(times[l]), runs: times[l] }));
    for (const [l, q] of queries) if (l.startsWith('show')) console.log(l, JSON.stringify(await all.call(this, q), (k, v) => (typeof v === 'bigint' ? Number(v) : v)));
  }
  return orig.call(this, sql, params);
};
await computeSnapshots(db, { asOf, timezone: tz }, { log: () => {} });
db.close();
