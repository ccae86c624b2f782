// In-situ A/B of one statement's SELECT: a nightly on a copy of a bench database (as ../ab5/nightly.mjs: DAY's events
// shifted SHIFT days, refreshState), then the one-date snapshot; when the statement NAME (a .sql file under src/sql)
// comes, its query and the query of VARIANT (a .sql file, same parameters) are each run N times alternating into temp
// tables (INSERT INTO t -> CREATE TEMP TABLE), process CPU each, EXPLAIN=1 prints both plans once (operators >= 2 ms),
// and the two results are compared (EXCEPT ALL both ways); then the original statement runs as the build does. Also
// prints the refresh result and, at the statement, the kept quantile rows and kept completion sums.
// usage: [N=3] [EXPLAIN=1] node probe.mjs DIST DB NAME VARIANT [DAY] [SHIFT] [TZ]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
const [dist, dbPath, name, variant, day = '2026-12-14', shift = '10', tz = 'UTC'] = process.argv.slice(2);
const lib = (n) => import(pathToFileURL(`${dist}/${n}.js`).href);
const { Db } = await lib('engine/db');
const { refreshState } = await lib('engine/state');
const { computeSnapshots } = await lib('engine/snapshot');
const names = new Map();
const walk = (dir) => { for (const f of readdirSync(dir)) { const p = join(dir, f); if (statSync(p).isDirectory()) walk(p); else if (f.endsWith('.sql')) names.set(readFileSync(p, 'utf8'), p.split('/src/sql/')[1].slice(0, -4)); } };
walk(resolve(dist, '../src/sql'));
const db = await Db.open(dbPath, { threads: 2, memoryLimit: '4GB' });
const id = (await db.one(`INSERT INTO files SELECT max(file_id) + 1, 'night.ndjson', 'night-hash', 'events', NULL, 0, 0, 0, 0, 0, TIMESTAMP '2026-12-26' FROM files RETURNING file_id AS id`)).id;
await db.run(`INSERT INTO events SELECT ${id}, line, ts + to_days(${Number(shift)}), player_id, quest_id, status, session_id, build, platform FROM events WHERE ts >= '${day}'::TIMESTAMP AND ts < '${day}'::TIMESTAMP + INTERVAL 1 DAY`);
await db.run(`INSERT INTO file_players SELECT file_id, player_id, min(ts) FROM events WHERE file_id = ${id} GROUP BY ALL`);
await db.run(`INSERT INTO dirty_players SELECT DISTINCT player_id FROM file_players WHERE file_id = ${id} EXCEPT SELECT player_id FROM dirty_players`);
const asOf = (await db.one(`SELECT (timezone('${tz}', max(ts)::TIMESTAMPTZ))::DATE::VARCHAR AS d FROM events`)).d;
console.log(JSON.stringify(await refreshState(db, { log: () => {} })), JSON.stringify(await db.one("SELECT count(*)::INTEGER AS n, max(last_from)::VARCHAR AS m FROM segment_completed")));
const asTable = (sql, t) => sql.replace(/^((?:--[^\n]*\n)*)INSERT INTO [\w.]+\s*\n/, `$1CREATE OR REPLACE TEMP TABLE ${t} AS\n`);
const cpu = async (f) => { const c0 = process.cpuUsage(); await f(); const c = process.cpuUsage(c0); return Math.round((c.user + c.system) / 1000); };
const orig = Db.prototype.run;
const all = Db.prototype.all;
const plan = async (db, sql, params) => {
  const j = JSON.parse((await all.call(db, `EXPLAIN (ANALYZE, FORMAT json) ${sql}`, params))[0].explain_value);
  const w = (n, d) => { if ((n.operator_timing ?? 0) >= 0.002) console.log(`${' '.repeat(d)}${n.operator_name ?? n.name} ${(n.operator_timing ?? 0).toFixed(3)}s rows=${n.operator_cardinality ?? ''} ${JSON.stringify(n.extra_info ?? {}).slice(0, 120)}`); for (const ch of n.children ?? []) w(ch, d + 1); };
  w(Array.isArray(j) ? j[0] : j, 0);
};
Db.prototype.run = async function (sql, params) {
  if (names.get(sql) === name) {
    const a = asTable(sql, 'probe_a');
    const b = asTable(readFileSync(variant, 'utf8'), 'probe_b');
    const p = params === undefined ? undefined : Object.fromEntries(Object.entries(params).filter(([k]) => a.includes(`$${k}`)));
    const pb = params === undefined ? undefined : Object.fromEntries(Object.entries(params).filter(([k]) => b.includes(`$${k}`)));
    console.log(JSON.stringify(await this.one("SELECT count(*)::INTEGER AS kept, (SELECT count(*) FROM main.segment_completed)::INTEGER AS completed_rows, (SELECT max(last_from) FROM main.segment_completed)::VARCHAR AS last_from FROM main.segment_quantiles")));
    const ta = [], tb = [];
    for (let i = 0; i < Number(process.env.N ?? 3); i++) {
      ta.push(await cpu(() => orig.call(this, a, p)));
      tb.push(await cpu(() => orig.call(this, b, pb)));
    }
    const eq = await this.one(`SELECT (SELECT count(*) FROM probe_a)::INTEGER AS rows_a, (SELECT count(*) FROM probe_b)::INTEGER AS rows_b,
      (SELECT count(*) FROM (FROM probe_a EXCEPT ALL FROM probe_b))::INTEGER AS a_not_b, (SELECT count(*) FROM (FROM probe_b EXCEPT ALL FROM probe_a))::INTEGER AS b_not_a`).catch((e) => ({ compare: String(e).slice(0, 60) }));
    if (process.env.EXPLAIN) { console.log('--- A'); await plan(this, a, p); console.log('--- B'); await plan(this, b, pb); }
    console.log(JSON.stringify({ name, load: loadavg()[0].toFixed(1), a: ta, b: tb, ...eq }));
    await orig.call(this, 'DROP TABLE probe_a; DROP TABLE probe_b');
  }
  return orig.call(this, sql, params);
};
await computeSnapshots(db, { asOf, timezone: tz }, { log: () => {} });
db.close();
