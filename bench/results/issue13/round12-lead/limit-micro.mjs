// The limit contender's query with the macros before and after this round, alternating (process CPU and wall).
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '/work/main/node_modules/@duckdb/node-api/lib/index.js';
const dir = '/work/lead12/b1m/1m/plain/ndjson';
const files = `[${['001','002','003','004'].map((n) => `'${dir}/events-${n}.ndjson'`).join(', ')}]`;
const text = "{ts: 'VARCHAR', player_id: 'VARCHAR', quest_id: 'VARCHAR', status: 'VARCHAR', session_id: 'VARCHAR', build: 'VARCHAR', platform: 'VARCHAR'}";
const reader = `read_json(${files}, format = 'newline_delimited', columns = ${text})`;
const sql = readFileSync('/work/main/bench/contenders/limit.sql', 'utf8').replaceAll('{{READER}}', reader);
for (let rep = 0; rep < 3; rep++) for (const m of ['old', 'new']) {
  const inst = await DuckDBInstance.create(':memory:', { threads: '2' });
  const c = await inst.connect();
  await c.run("SET TimeZone = 'UTC'");
  await c.run("CREATE TYPE quest_status AS ENUM ('accepted', 'declined', 'completed', 'abandoned', 'failed')");
  for (const stmt of readFileSync(`/work/lead12/macros-${m}.sql`, 'utf8').split(/;\s*(?:\n|$)/)) if (stmt.replace(/--.*$/gm, '').trim()) await c.run(stmt);
  const t0 = process.cpuUsage(); const w0 = performance.now();
  const r = await c.runAndReadAll(sql);
  const u = process.cpuUsage(t0);
  console.log(m, 'cpu', ((u.user + u.system) / 1000).toFixed(0), 'wall', (performance.now() - w0).toFixed(0), 'rows', r.rowCount, 'load', readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  c.closeSync(); inst.closeSync();
}
