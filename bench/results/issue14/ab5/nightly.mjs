// A nightly on a copy of a bench database: its day DAY's events shifted SHIFT days, appended in SQL as ingest leaves a
// new file (ledger row, events, file_players, dirty_players), then refreshState and the one-date snapshot of the
// latest day (computeSnapshots), process CPU of each and of each statement (named by its .sql file).
// usage: [EXPLAIN=sql/name [MIN=s] [W=chars]] [T=threads, 2] node nightly.mjs DIST DB [DAY] [SHIFT] [TZ]; one JSON line; CHECK=1 also compares the kept tables with the
// sums over the state (EXCEPT ALL both ways)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
const [dist, dbPath, day = '2026-12-14', shift = '10', tz = 'UTC'] = process.argv.slice(2);
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
const acc = {};
const allOrig = Db.prototype.all;
for (const method of ['run', 'all', 'one']) {
  const orig = Db.prototype[method];
  Db.prototype[method] = async function (sql, params) {
    const key = names.get(sql) ?? `inline:${sql.slice(0, 40).replace(/\s+/g, ' ')}`;
    if (key === process.env.EXPLAIN) {
      const j = JSON.parse((await allOrig.call(this, `EXPLAIN (ANALYZE, FORMAT json) ${sql}`, params))[0].explain_value);
      const w = (n, d) => { if ((n.operator_timing ?? 0) >= Number(process.env.MIN ?? 0.003)) console.log(`${' '.repeat(d)}${n.operator_name ?? n.name} ${(n.operator_timing ?? 0).toFixed(3)}s rows=${n.operator_cardinality ?? ''} ${JSON.stringify(n.extra_info ?? {}).slice(0, Number(process.env.W ?? 110))}`); for (const ch of n.children ?? []) w(ch, d + 1); };
      w(Array.isArray(j) ? j[0] : j, 0);
    }
    const c0 = process.cpuUsage();
    const r = await orig.call(this, sql, params);
    const c = process.cpuUsage(c0);
    acc[key] = (acc[key] ?? 0) + (c.user + c.system) / 1000;
    return r;
  };
}
const ms = (c) => Math.round((c.user + c.system) / 1000);
const load = loadavg()[0].toFixed(1);
const c0 = process.cpuUsage();
const result = await refreshState(db, { log: () => {} });
const stateCpu = ms(process.cpuUsage(c0));
const stateTop = Object.fromEntries(Object.entries(acc).filter(([, v]) => v >= 10).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v)]));
for (const k of Object.keys(acc)) delete acc[k];
const c1 = process.cpuUsage();
await computeSnapshots(db, { asOf, timezone: tz }, { log: () => {} });
const snapCpu = ms(process.cpuUsage(c1));
const sum = (f) => Math.round(Object.entries(acc).filter(([k]) => f(k)).reduce((s, [, v]) => s + v, 0));
const seg = sum((k) => k.startsWith('segments/'));
const extras = sum((k) => k.startsWith('survival/') || k.startsWith('chains/') || k === 'snapshot/day_end_pairs' || k.includes('survival') || k.includes('chain_steps'));
const top = Object.fromEntries(Object.entries(acc).filter(([, v]) => v >= 10).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v)]));
console.log(JSON.stringify({ dist: dist.split('/').slice(-2, -1)[0], asOf, tz, load, result, stateCpu, snapCpu, segCpu: seg, extrasCpu: extras, overallCpu: snapCpu - seg - extras, ratio: +(seg / (snapCpu - seg - extras)).toFixed(2), stateTop, top }));
if (process.env.CHECK) {
  for (const [t, f] of [['segment_completed', 'ql_completed_sums'], ['segment_open', 'ql_open_counts']]) {
    const r = await db.one(`SELECT (SELECT count(*) FROM ${t})::INTEGER AS kept,
      (SELECT count(*) FROM (FROM ${t} EXCEPT ALL FROM ${f}('state_current')))::INTEGER AS kept_not_state,
      (SELECT count(*) FROM (FROM ${f}('state_current') EXCEPT ALL FROM ${t}))::INTEGER AS state_not_kept`).catch((e) => ({ error: String(e).slice(0, 80) }));
    console.log(t, JSON.stringify(r));
  }
}
db.close();
