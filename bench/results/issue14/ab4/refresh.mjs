// A nightly-sized file appended in SQL to a copy of a bench database (its day DAY's events shifted SHIFT days on, as
// ingest leaves them: ledger row, events, file_players, dirty_players), then refreshState: process CPU per statement.
// usage: node refresh.mjs DIST DB [DAY] [SHIFT]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
const [dist, dbPath, day = '2026-12-14', shift = '11'] = process.argv.slice(2);
const lib = (n) => import(pathToFileURL(`${dist}/${n}.js`).href);
const { Db } = await lib('engine/db');
const { migrate } = await lib('engine/migrate');
const { refreshState } = await lib('engine/state');
const names = new Map();
const walk = (dir) => { for (const f of readdirSync(dir)) { const p = join(dir, f); if (statSync(p).isDirectory()) walk(p); else if (f.endsWith('.sql')) names.set(readFileSync(p, 'utf8'), p.split('/src/sql/')[1].slice(0, -4)); } };
walk(resolve(dist, '../src/sql'));
const db = await Db.open(dbPath, { threads: 2, memoryLimit: '4GB' });
await migrate(db);
await refreshState(db, { log: () => {} });
const id = (await db.one(`INSERT INTO files SELECT max(file_id) + 1, 'night.ndjson', 'night-hash', 'events', NULL, 0, 0, 0, 0, 0, TIMESTAMP '2026-12-26' FROM files RETURNING file_id AS id`)).id;
await db.run(`INSERT INTO events SELECT ${id}, line, ts + to_days(${Number(shift)}), player_id, quest_id, status, session_id, build, platform FROM events WHERE ts >= '${day}'::TIMESTAMP AND ts < '${day}'::TIMESTAMP + INTERVAL 1 DAY`);
await db.run(`INSERT INTO file_players SELECT file_id, player_id, min(ts) FROM events WHERE file_id = ${id} GROUP BY ALL`);
await db.run(`INSERT INTO dirty_players SELECT DISTINCT player_id FROM file_players WHERE file_id = ${id} EXCEPT SELECT player_id FROM dirty_players`);
const acc = {};
for (const method of ['run', 'all', 'one']) {
  const orig = Db.prototype[method];
  Db.prototype[method] = async function (sql, params) {
    const key = names.get(sql) ?? `inline:${sql.slice(0, 40).replace(/\s+/g, ' ')}`;
    const c0 = process.cpuUsage();
    const r = await orig.call(this, sql, params);
    const c = process.cpuUsage(c0);
    acc[key] = (acc[key] ?? 0) + (c.user + c.system) / 1000;
    return r;
  };
}
const load = loadavg()[0].toFixed(1);
const c0 = process.cpuUsage();
const result = await refreshState(db, { log: () => {} });
const c = process.cpuUsage(c0);
const top = Object.fromEntries(Object.entries(acc).filter(([, v]) => v >= 5).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v)]));
console.log(JSON.stringify({ dist: dist.split('/').slice(-2, -1)[0], load, refreshCpu: Math.round((c.user + c.system) / 1000), result, top }));
if (process.env.CHECK) {
  const r = await db.one(`SELECT (SELECT count(*) FROM segment_completed)::INTEGER AS kept,
    (SELECT count(*) FROM (FROM segment_completed EXCEPT ALL FROM ql_completed_sums('state_current')))::INTEGER AS kept_not_sums,
    (SELECT count(*) FROM (FROM ql_completed_sums('state_current') EXCEPT ALL FROM segment_completed))::INTEGER AS sums_not_kept`);
  console.log('kept vs sums over the state', JSON.stringify(r));
}
db.close();
